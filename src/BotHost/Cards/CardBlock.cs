namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// One piece of a <see cref="Card"/> body. The set of block kinds is closed: renderers handle
/// each derived record and reject unknown ones, so add a kind here only with every renderer.
/// </summary>
public abstract record CardBlock
{
    // Only this assembly may add block kinds, so a renderer's switch can be exhaustive.
    private protected CardBlock()
    {
    }
}
