using NodaTime;

namespace ComplianceOs.Domain.Masters.LateFees;

/// <summary>What being late has cost so far, as far as it can be computed.</summary>
/// <param name="Amount">Rupees accrued; null when the master has no fee that accrues by itself (interest or penalty on an amount we do not hold).</param>
/// <param name="Basis">How the figure was reached, in words ("Rs 50 × 12 days, capped at Rs 2,000").</param>
public sealed record LateFeeEstimate(int DaysLate, decimal? Amount, bool Capped, string Basis);

/// <summary>
/// The late fee so far of an obligation not done by its due date in force. Turnover picks the band; an unknown
/// turnover takes the last band (the highest), so exposure is never understated.
/// </summary>
public static class LateFeeCalculator
{
    public static LateFeeEstimate Compute(LateFeeRule? rule, LocalDate dueInForce, LocalDate asOf, decimal? turnoverCrore)
    {
        var days = Math.Max(0, Period.Between(dueInForce, asOf, PeriodUnits.Days).Days);
        if (rule is null)
        {
            return new LateFeeEstimate(days, null, false, "no fixed fee: interest or penalty depends on amounts Compliance OS does not hold");
        }

        if (days == 0)
        {
            return new LateFeeEstimate(0, 0m, false, "not late");
        }

        var band = rule.Bands.FirstOrDefault(b => b.TurnoverUpToCrore is { } limit && turnoverCrore is { } t && t <= limit) ?? rule.Bands[^1];
        var raw = band.Flat ?? band.PerDay!.Value * days;
        var basis = band.Flat is { } flat ? $"flat {Rupees(flat)}" : $"{Rupees(band.PerDay!.Value)} × {days} day{(days == 1 ? string.Empty : "s")}";
        decimal? cap = band.Cap;
        if (band.CapPercentOfTurnover is { } pct && turnoverCrore is { } turnover)
        {
            // 1 crore = 10^7 rupees.
            var share = Math.Round(turnover * 10_000_000m * pct / 100m, 0, MidpointRounding.AwayFromZero);
            cap = cap is { } c ? Math.Min(c, share) : share;
        }

        var capped = cap is { } limitAmount && raw > limitAmount;
        var amount = capped ? cap!.Value : raw;
        if (capped)
        {
            basis += $", capped at {Rupees(cap!.Value)}";
        }

        if (turnoverCrore is null && rule.Bands.Count > 1)
        {
            basis += "; turnover not recorded, so the highest band";
        }

        return new LateFeeEstimate(days, amount, capped, basis);
    }

    /// <summary>Indian digit grouping (1,00,000), as finance teams read amounts.</summary>
    public static string Rupees(decimal amount)
    {
        var whole = decimal.Truncate(amount);
        var paise = amount - whole;
        var digits = ((long)whole).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string grouped;
        if (digits.Length <= 3)
        {
            grouped = digits;
        }
        else
        {
            var head = digits[..^3];
            var parts = new List<string>();
            while (head.Length > 2)
            {
                parts.Insert(0, head[^2..]);
                head = head[..^2];
            }

            parts.Insert(0, head);
            grouped = string.Join(",", parts) + "," + digits[^3..];
        }

        return "Rs " + grouped + (paise == 0 ? string.Empty : (paise).ToString(".00", System.Globalization.CultureInfo.InvariantCulture));
    }
}
