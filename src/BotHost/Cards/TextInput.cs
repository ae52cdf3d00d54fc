namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// A free-text field. When an action is pressed, the channel sends the entered value keyed by
/// <see cref="Id"/>, so the id is part of the handler's contract and must be unique in the card.
/// </summary>
/// <param name="Id">The key the value comes back under; kept verbatim by renderers.</param>
/// <param name="Label">Visible label; required because screen readers and the Adaptive Cards parser need it.</param>
public sealed record TextInput(string Id, string Label) : CardBlock
{
    /// <summary>Hint shown inside the empty field; null shows none.</summary>
    public string? Placeholder { get; init; }

    /// <summary>When true, channels that support it refuse to send the action until the field has a value.</summary>
    public bool Required { get; init; }

    /// <summary>Allow line breaks (a text area instead of a single line).</summary>
    public bool Multiline { get; init; }

    /// <summary>Maximum number of characters; null means no limit beyond the channel's own.</summary>
    public int? MaxLength { get; init; }
}
