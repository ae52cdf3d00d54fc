using ComplianceOs.Domain.Entities;
using NodaTime;

namespace ComplianceOs.Domain.Instances;

/// <summary>The event dates of an entity for one financial year, by the event names rules use.</summary>
public static class EventDates
{
    public static IReadOnlyDictionary<string, LocalDate> For(LegalEntity entity, int fyStartYear)
    {
        var fyEnd = new LocalDate(fyStartYear + 1, 3, 31);
        var agm = entity.AgmRecords.FirstOrDefault(a => a.FinancialYearEnd == fyEnd);
        return agm is null ? new Dictionary<string, LocalDate>() : new Dictionary<string, LocalDate> { ["agm"] = agm.HeldOn };
    }
}
