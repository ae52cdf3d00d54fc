namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// A button. Pressing it sends <see cref="Verb"/> and <see cref="Data"/> back to the bot, together
/// with the values of the card's inputs (keyed by input id).
/// </summary>
/// <param name="Verb">What the handler should do, e.g. "task.complete"; must not be empty.</param>
/// <param name="Label">The button text.</param>
/// <param name="Kind">Whether the action changes state (Execute) or is a plain submission.</param>
public sealed record CardAction(string Verb, string Label, CardActionKind Kind = CardActionKind.Execute)
{
    /// <summary>Name the renderers add to submitted data to carry the verb where a channel has no verb field.</summary>
    public const string VerbDataKey = "verb";

    private static readonly IReadOnlyDictionary<string, string> NoData = new Dictionary<string, string>();

    /// <summary>Visual hint; channels may ignore it.</summary>
    public CardActionStyle Style { get; init; } = CardActionStyle.Default;

    /// <summary>
    /// String-only payload (ids, not whole objects), sent back as given. The key <see cref="VerbDataKey"/>
    /// is reserved, and keys should differ from input ids because channels merge the two.
    /// </summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = NoData;

    /// <summary>
    /// Ids of the card's <see cref="TextInput"/>s this action cannot go without (a reject's comment, a filing's
    /// reference). Channels that collect inputs in a dialog rather than on the card (Slack modals) ask for these
    /// first; channels with inputs on the card ignore it.
    /// </summary>
    public IReadOnlyList<string> RequiredInputs { get; init; } = [];
}
