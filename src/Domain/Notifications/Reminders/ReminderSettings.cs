using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Notifications.Reminders;

/// <summary>
/// A tenant's escalation matrix and quiet hours; without a row the defaults apply
/// (<see cref="EscalationMatrix.Default"/>, 20:00–08:00 and Sundays).
/// </summary>
public sealed class ReminderSettings : ITenantOwned
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public Guid TenantId { get; set; }

    /// <summary>The stages as JSON (<see cref="EscalationStage"/> records), ordered by day.</summary>
    public required string StagesJson { get; set; }

    public LocalTime QuietFrom { get; set; } = new(20, 0);

    public LocalTime QuietUntil { get; set; } = new(8, 0);

    public bool QuietOnSundays { get; set; } = true;

    public Instant UpdatedAt { get; set; }

    public IReadOnlyList<EscalationStage> Stages => JsonSerializer.Deserialize<List<EscalationStage>>(StagesJson, Json)!;

    public static string Serialize(IEnumerable<EscalationStage> stages) => JsonSerializer.Serialize(stages.OrderBy(s => s.DaysFromDue).ToList(), Json);

    public bool IsQuiet(LocalDateTime local) =>
        (QuietOnSundays && local.DayOfWeek == IsoDayOfWeek.Sunday)
        || (QuietFrom > QuietUntil
            ? local.TimeOfDay >= QuietFrom || local.TimeOfDay < QuietUntil   // overnight, e.g. 20:00–08:00
            : local.TimeOfDay >= QuietFrom && local.TimeOfDay < QuietUntil);

    /// <summary>The first moment at or after <paramref name="local"/> outside quiet hours: the quiet period's end (a quiet Sunday ends on Monday).</summary>
    public LocalDateTime NextAllowed(LocalDateTime local)
    {
        for (var i = 0; i < 4 && IsQuiet(local); i++)
        {
            local = local.TimeOfDay < QuietUntil ? local.Date.At(QuietUntil) : local.Date.PlusDays(1).At(QuietUntil);
        }

        return local;
    }

    public static ReminderSettings Defaults(Guid tenantId) => new() { TenantId = tenantId, StagesJson = Serialize(EscalationMatrix.Default) };
}
