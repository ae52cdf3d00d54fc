using System.Security.Cryptography;
using System.Text;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Seeding;

/// <summary>
/// Gives a demo tenant a realistic year so far, through the real workflow commands (so the audit trail shows it):
/// obligations due more than a week ago are filed with references; the latest GSTR-1 that fell due is left open, so
/// its GSTR-3B waits on it (blocked by a dependency); the week before today is left overdue; one obligation due
/// within 7 days awaits approval and another is in progress. Runs once per tenant: if anything has moved already,
/// it leaves the tenant alone.
/// </summary>
public sealed class DemoProgress(
    ComplianceDbFactory dbs,
    GenerateInstancesHandler generate,
    StartWorkHandler start,
    SubmitForApprovalHandler submit,
    DecideHandler decide,
    FileReturnHandler file)
{
    public async Task<IReadOnlyList<string>> RunAsync(Guid tenantId, string tenantName, LocalDate today, CancellationToken ct = default)
    {
        var log = new List<string>();
        var system = new CommandContext(tenantId, Actor.System("seed-demo"), Channel.Cli, "seed-demo");
        var fyStart = new LocalDate(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        var generated = await generate.HandleAsync(system, new GenerateInstancesCommand(fyStart, today.PlusDays(60), today), ct);
        if (!generated.Succeeded)
        {
            throw new InvalidOperationException($"seed-demo could not generate obligations for {tenantName}: {generated}");
        }

        log.Add($"{tenantName}: {generated.Value!.Created} obligations generated ({generated.Value.Candidates} due from {fyStart:uuuu-MM-dd} to {today.PlusDays(60):uuuu-MM-dd})");

        List<Row> rows;
        Dictionary<Guid, string> names;
        await using (var db = dbs.ForTenant(tenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await db.ComplianceInstances.AnyAsync(i => i.Status != InstanceStatus.NotStarted, ct))
            {
                log.Add($"{tenantName}: already there: demo progress");
                return log;
            }

            rows = await (from i in db.ComplianceInstances
                          join m in db.ComplianceMasters on i.MasterId equals m.Id
                          select new Row(i.Id, i.EntityId, m.Code, m.Category, i.PeriodKey, i.ExtendedDueDate ?? i.StatutoryDueDate, i.OwnerUserId, i.ApproverUserId, i.Version))
                .ToListAsync(ct);
            names = await db.Users.ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        }

        var dated = rows.Where(r => r.Due is not null && r.Owner is not null && r.Approver is not null).OrderBy(r => r.Due).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var keepOpen = dated.Where(r => r.Code == "GSTR1" && r.Due < today).OrderByDescending(r => r.Due).Take(1)
            .SelectMany(g1 => dated.Where(r => r.EntityId == g1.EntityId && r.PeriodKey == g1.PeriodKey && r.Code is "GSTR1" or "GSTR3B"))
            .Select(r => r.Id).ToHashSet();

        var filed = 0;
        foreach (var row in dated.Where(r => r.Due < today.PlusDays(-7) && !keepOpen.Contains(r.Id)))
        {
            await FileAsync(tenantId, row, names, ct);
            filed++;
        }

        log.Add($"{tenantName}: {filed} obligations filed with references; {dated.Count(r => r.Due < today && r.Due >= today.PlusDays(-7)) + keepOpen.Count} left overdue or waiting");

        var upcoming = dated.Where(r => r.Due >= today && r.Due <= today.PlusDays(7)).ToList();
        if (upcoming.FirstOrDefault() is { } awaiting)
        {
            var v = await StepAsync(start.HandleAsync(As(tenantId, awaiting.Owner!.Value, names), new StartWorkCommand(awaiting.Id, awaiting.Version), ct), awaiting);
            await StepAsync(submit.HandleAsync(As(tenantId, awaiting.Owner.Value, names), new SubmitForApprovalCommand(awaiting.Id, v, "Reconciled with the books; challan drafted."), ct), awaiting);
            log.Add($"{tenantName}: {awaiting.Code} {awaiting.PeriodKey} awaits approval by {names[awaiting.Approver!.Value]}");
        }

        if (upcoming.Skip(1).FirstOrDefault() is { } working)
        {
            await StepAsync(start.HandleAsync(As(tenantId, working.Owner!.Value, names), new StartWorkCommand(working.Id, working.Version), ct), working);
            log.Add($"{tenantName}: {working.Code} {working.PeriodKey} is in progress");
        }

        // The seeded history happened before anyone could be notified: nothing of it is waiting to be sent.
        await using (var db = dbs.ForTenant(tenantId))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Notifications.Where(n => n.Status == NotificationStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.Status, NotificationStatus.Skipped).SetProperty(n => n.LastError, "seeded demo history"), ct);
            await tx.CommitAsync(ct);
        }

        return log;
    }

    private async Task FileAsync(Guid tenantId, Row row, Dictionary<Guid, string> names, CancellationToken ct)
    {
        var owner = As(tenantId, row.Owner!.Value, names);
        var version = await StepAsync(start.HandleAsync(owner, new StartWorkCommand(row.Id, row.Version), ct), row);
        version = await StepAsync(submit.HandleAsync(owner, new SubmitForApprovalCommand(row.Id, version), ct), row);
        version = await StepAsync(decide.HandleAsync(As(tenantId, row.Approver!.Value, names), new ApproveCommand(row.Id, version), ct), row);
        await StepAsync(file.HandleAsync(owner, new FileReturnCommand(row.Id, version, Reference(row)), ct), row);
    }

    private static CommandContext As(Guid tenantId, Guid userId, Dictionary<Guid, string> names) =>
        new(tenantId, Actor.User(userId, names[userId]), Channel.Teams, "seed-demo");

    private static async Task<int> StepAsync(Task<CommandResult<ComplianceInstance>> step, Row row)
    {
        var result = await step;
        return result.Succeeded
            ? result.Value!.Version
            : throw new InvalidOperationException($"seed-demo could not move {row.Code} {row.PeriodKey}: {result}");
    }

    /// <summary>A reference in the shape the portals issue (GST ARN, TDS challan CIN, MCA SRN), made from the row so reruns agree.</summary>
    internal static string Reference(Row row)
    {
        var digits = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{row.EntityId}/{row.Code}/{row.PeriodKey}")))
            .Where(char.IsDigit).Concat("0123456789").Take(9).ToArray();
        var n = new string(digits);
        var due = row.Due!.Value;
        return row.Category switch
        {
            ComplianceCategory.Gst => $"AA{due.Month:D2}{due.Year % 100:D2}{n[..7]}Z",
            ComplianceCategory.Tds or ComplianceCategory.Tcs or ComplianceCategory.IncomeTax => $"0510308{due.Day:D2}{due.Month:D2}{due.Year}{n[..5]}",
            ComplianceCategory.Roc or ComplianceCategory.Llp => $"AB{n[..7]}",
            _ => $"TRRN{n}",
        };
    }

    internal sealed record Row(Guid Id, Guid EntityId, string Code, ComplianceCategory Category, string PeriodKey, LocalDate? Due, Guid? Owner, Guid? Approver, int Version);
}
