namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// A text field of a Slack modal, carried in a button's value so the click handler can open the modal
/// without the original card (Slack messages have no inputs of their own).
/// </summary>
/// <param name="Id">The input's id from the card; the modal uses it as block_id and action_id, so values come back under it.</param>
/// <param name="Label">Visible label, plain text.</param>
/// <param name="Required">False renders the input <c>optional</c>.</param>
/// <param name="Multiline">A text area instead of a single line.</param>
/// <param name="MaxLength">Maximum characters; null leaves Slack's own limit (3000).</param>
/// <param name="Placeholder">Hint shown in the empty field; null shows none.</param>
public sealed record ModalInput(string Id, string Label, bool Required, bool Multiline, int? MaxLength, string? Placeholder);
