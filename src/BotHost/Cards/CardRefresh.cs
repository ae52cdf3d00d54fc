namespace ComplianceOs.BotHost.Cards;

/// <summary>
/// Asks the channel to fetch a fresh version of the card when one of <see cref="UserIds"/> views it
/// (Teams Universal Actions). The refresh arrives like an Execute action with this verb and data.
/// </summary>
/// <param name="Verb">The verb the refresh sends, e.g. "task.refresh".</param>
/// <param name="Data">String-only payload identifying what to refresh.</param>
/// <param name="UserIds">
/// Channel user ids that get automatic refreshes; at most <see cref="MaxUserIds"/>. Empty means
/// nobody refreshes automatically (Teams then offers a manual "Refresh card").
/// </param>
public sealed record CardRefresh(string Verb, IReadOnlyDictionary<string, string> Data, IReadOnlyList<string> UserIds)
{
    /// <summary>Teams refreshes automatically for at most this many listed users.</summary>
    public const int MaxUserIds = 60;
}
