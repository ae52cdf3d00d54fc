using System.Globalization;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.Domain.Notifications.Reminders;

public sealed record StageInput(string Stage, int DaysFromDue, IReadOnlyList<string> To);

/// <param name="QuietFrom">"HH:mm" in the tenant's time zone.</param>
public sealed record SetReminderSettingsCommand(IReadOnlyList<StageInput> Stages, string QuietFrom, string QuietUntil, bool QuietOnSundays);

/// <summary>Replaces a tenant's escalation matrix and quiet hours (admins only), validated whole, audited with before and after.</summary>
public sealed partial class SetReminderSettingsHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    public const int MaxStages = 10;

    public async Task<CommandResult<ReminderSettings>> HandleAsync(CommandContext ctx, SetReminderSettingsCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        var stages = new List<EscalationStage>();
        if (cmd.Stages.Count is 0 or > MaxStages)
        {
            v.Add("stages", $"give between 1 and {MaxStages} stages");
        }

        for (var i = 0; i < cmd.Stages.Count; i++)
        {
            var s = cmd.Stages[i];
            var field = $"stages[{i}]";
            if (!StageName().IsMatch(s.Stage ?? string.Empty))
            {
                v.Add($"{field}.stage", "use 1–16 letters, digits, '+' or '-' (e.g. T-3, due, +7)");
            }

            if (s.DaysFromDue is < -30 or > 90)
            {
                v.Add($"{field}.daysFromDue", "must be between -30 (before the due date) and 90 (after it)");
            }

            var to = new List<StageRecipient>();
            foreach (var name in s.To ?? [])
            {
                if (Enum.TryParse<StageRecipient>(name, ignoreCase: true, out var r) && Enum.IsDefined(r) && !int.TryParse(name, out _))
                {
                    to.Add(r);
                }
                else
                {
                    v.Add($"{field}.to", $"'{name}' is not one of Owner, Approver, EscalationContact, Director");
                }
            }

            if (to.Count == 0 && (s.To ?? []).Count == 0)
            {
                v.Add($"{field}.to", "name at least one recipient");
            }

            stages.Add(new EscalationStage(s.Stage ?? string.Empty, s.DaysFromDue, to.Distinct().ToList()));
        }

        foreach (var dup in stages.GroupBy(s => s.Stage, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            v.Add("stages", $"stage '{dup.Key}' is given twice");
        }

        foreach (var dup in stages.GroupBy(s => s.DaysFromDue).Where(g => g.Count() > 1))
        {
            v.Add("stages", $"two stages fall on day {dup.Key}");
        }

        var from = Time(v, "quietFrom", cmd.QuietFrom);
        var until = Time(v, "quietUntil", cmd.QuietUntil);
        if (v.HasErrors)
        {
            return CommandResult<ReminderSettings>.Failure(v.Errors);
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "change the escalation matrix", ct) is { } denied)
        {
            return denied;
        }

        var row = await db.ReminderSettings.SingleOrDefaultAsync(ct);
        var before = row is null ? null : Snapshot(row);
        var json = ReminderSettings.Serialize(stages);
        if (row is not null && ReminderSettings.Serialize(row.Stages) == json && row.QuietFrom == from && row.QuietUntil == until && row.QuietOnSundays == cmd.QuietOnSundays)
        {
            // Nothing changes (compared as parsed: jsonb stores its own key order): nothing is written or audited,
            // so a retry is harmless.
            return row;
        }

        row ??= db.ReminderSettings.Add(new ReminderSettings { TenantId = ctx.TenantId, StagesJson = json }).Entity;
        row.StagesJson = json;
        row.QuietFrom = from;
        row.QuietUntil = until;
        row.QuietOnSundays = cmd.QuietOnSundays;
        row.UpdatedAt = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await audit.AppendAsync(db, ctx, new AuditRecord(AuditAction.ReminderSettingsChanged, "Tenant", ctx.TenantId.ToString(), before, Snapshot(row)), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    private static object Snapshot(ReminderSettings r) => new
    {
        Stages = r.Stages.Select(s => new { s.Stage, s.DaysFromDue, To = s.To.Select(t => t.ToString()).ToList() }).ToList(),
        QuietFrom = r.QuietFrom.ToString("HH:mm", CultureInfo.InvariantCulture),
        QuietUntil = r.QuietUntil.ToString("HH:mm", CultureInfo.InvariantCulture),
        r.QuietOnSundays,
    };

    private static LocalTime Time(Validation v, string field, string? text)
    {
        var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text ?? string.Empty);
        if (!parsed.Success)
        {
            v.Add(field, $"'{text}' is not a time of day as HH:mm (e.g. 20:00)");
            return LocalTime.Midnight;
        }

        return parsed.Value;
    }

    [GeneratedRegex(@"^[A-Za-z0-9+\-]{1,16}$")]
    private static partial Regex StageName();
}
