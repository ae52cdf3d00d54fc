namespace ComplianceOs.Domain.Masters.LateFees;

/// <summary>
/// A late fee that accrues by itself (a statutory fee, not an adjudicated penalty or interest on an amount we do not
/// hold): the first band whose turnover limit fits the entity applies. Stored on the master as jsonb.
/// </summary>
public sealed record LateFeeRule(IReadOnlyList<LateFeeBand> Bands, string? Note);

/// <summary>
/// One turnover band: a flat fee, or so much per day late; capped at a fixed amount and/or a share of turnover.
/// <see cref="TurnoverUpToCrore"/> null = any turnover (the last band).
/// </summary>
public sealed record LateFeeBand(decimal? TurnoverUpToCrore, decimal? PerDay, decimal? Flat, decimal? Cap, decimal? CapPercentOfTurnover);
