namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// A channel-neutral reply card: what to show, never how a channel encodes it. Renderers
/// (Adaptive Cards for Teams, Block Kit for Slack) turn it into channel JSON and escape all
/// text there, so every string in the model is plain user or app text, never pre-formatted JSON.
/// </summary>
/// <param name="Blocks">The body, rendered top to bottom in this order.</param>
public sealed record Card(IReadOnlyList<CardBlock> Blocks)
{
    /// <summary>Optional heading shown above the body; null renders no heading.</summary>
    public string? Title { get; init; }

    /// <summary>Optional plain text shown under the title (or first, when there is no title).</summary>
    public string? Subtitle { get; init; }

    /// <summary>
    /// Optional automatic refresh; channels without one (Slack) ignore it. Null means the card
    /// is never refreshed.
    /// </summary>
    public CardRefresh? Refresh { get; init; }
}
