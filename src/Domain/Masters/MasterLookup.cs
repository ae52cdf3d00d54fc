using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Masters;

/// <summary>Finds the master a tenant uses for a code: its own (custom or override) before the global one.</summary>
public static class MasterLookup
{
    public static async Task<ComplianceMaster?> FindAsync(ComplianceDb db, string? code, Validation v, CancellationToken ct, string field = "masterCode")
    {
        var wanted = code?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(wanted))
        {
            v.Add(field, "is required");
            return null;
        }

        var master = await db.ComplianceMasters.Where(m => m.Code == wanted && m.IsActive)
            .OrderBy(m => m.TenantId == null ? 1 : 0).FirstOrDefaultAsync(ct);
        if (master is null)
        {
            v.Add(field, $"'{code}' is not a compliance master code");
        }

        return master;
    }

    /// <summary>The period a key names for the master's frequency; a key that does not fit is reported under <paramref name="field"/>.</summary>
    public static Rules.Period? PeriodOf(ComplianceMaster? master, string? key, Validation v, string field = "periodKey")
    {
        if (master is null)
        {
            return null;
        }

        var period = Rules.Period.TryParse(key, master.Frequency);
        if (period is null)
        {
            v.Add(field, $"'{key}' is not a {master.Frequency} period (e.g. {Rules.Period.InFinancialYear(master.Frequency, 2025)[0].Key})");
        }

        return period;
    }
}
