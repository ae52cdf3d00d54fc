using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Period = ComplianceOs.Domain.Rules.Period;

namespace ComplianceOs.Domain.Instances.Generate;

/// <param name="From">First day of the window: instances whose due date (or, awaiting an event, expected date) falls in it are generated.</param>
/// <param name="Today">The tenant's today, for the status recompute that follows.</param>
public sealed record GenerateInstancesCommand(LocalDate From, LocalDate To, LocalDate Today, Guid? EntityId = null);

public sealed record GenerationResult(int Candidates, int Created);

/// <summary>
/// Creates every instance each applicable entity of the tenant needs in a window, with its workflow tasks, owner
/// and approver. Idempotent: the unique key (entity, master, period) makes a rerun create nothing
/// (<c>INSERT … ON CONFLICT DO NOTHING</c>, never check-then-insert). Rows go in with one binary COPY and one
/// set-based insert; one audit entry records the run.
/// </summary>
public sealed class GenerateInstancesHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock, RecomputeStatus recompute)
{
    public const int MaxWindowDays = 800;

    // New rows start with the flags their dates give, by the same rules as RecomputeStatus (nothing is filed or
    // blocked yet), so the recompute that follows only rewrites rows that wait on a dependency.
    private static readonly string InsertSql = $$"""
        WITH ins AS (
          INSERT INTO compliance_instances (id, tenant_id, entity_id, master_id, period_key, period_start, period_end,
            statutory_due_date, extended_due_date, extension_reference, awaiting_event, cumulative_percent, status,
            is_overdue, is_blocked, rag, owner_user_id, approver_user_id, version, created_at, updated_at)
          SELECT id, @tenant, entity_id, master_id, period_key, period_start, period_end, statutory_due_date,
            extended_due_date, extension_reference, awaiting_event, cumulative_percent, 'NotStarted',
            {{RecomputeStatus.OverdueSql("false", "coalesce(extended_due_date, statutory_due_date)")}}, false,
            {{RecomputeStatus.RagSql("false", "coalesce(extended_due_date, statutory_due_date)", "false")}},
            owner_user_id, approver_user_id, 1, @now, @now
          FROM generation_candidates
          ON CONFLICT (master_id, entity_id, period_key) DO NOTHING
          RETURNING id, master_id, owner_user_id, approver_user_id
        ), tasks AS (
          INSERT INTO workflow_tasks (tenant_id, instance_id, step_number, name, status, assignee_user_id)
          SELECT @tenant, ins.id, s.ord, s.name, 'Pending',
                 CASE WHEN lower(s.name) = 'review' THEN ins.approver_user_id ELSE ins.owner_user_id END
          FROM ins
          JOIN compliance_masters m ON m.id = ins.master_id
          CROSS JOIN LATERAL unnest(m.workflow_steps) WITH ORDINALITY AS s(name, ord)
          RETURNING 1
        )
        SELECT count(*)::int FROM ins
        """;

    /// <summary>
    /// Generates <paramref name="from"/> through <paramref name="through"/> of any length, one window of at most
    /// <see cref="MaxWindowDays"/> at a time; stops at the first failure.
    /// </summary>
    public async Task<CommandResult<GenerationResult>> HandleRangeAsync(
        CommandContext ctx, LocalDate from, LocalDate through, LocalDate today, Guid? entityId = null, CancellationToken ct = default)
    {
        int candidates = 0, created = 0;
        for (var start = from; start <= through; start = start.PlusDays(MaxWindowDays + 1))
        {
            var end = LocalDate.Min(through, start.PlusDays(MaxWindowDays));
            var result = await HandleAsync(ctx, new GenerateInstancesCommand(start, end, today, entityId), ct);
            if (!result.Succeeded)
            {
                return result;
            }

            candidates += result.Value!.Candidates;
            created += result.Value.Created;
        }

        return new GenerationResult(candidates, created);
    }

    public async Task<CommandResult<GenerationResult>> HandleAsync(CommandContext ctx, GenerateInstancesCommand cmd, CancellationToken ct = default)
    {
        if (cmd.To < cmd.From)
        {
            return new ValidationError("to", $"{cmd.To:uuuu-MM-dd} is before from {cmd.From:uuuu-MM-dd}");
        }

        if (NodaTime.Period.DaysBetween(cmd.From, cmd.To) > MaxWindowDays)
        {
            return new ValidationError("to", $"the window is longer than {MaxWindowDays} days; generate in parts");
        }

        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await AccessGuard.RequireAdminAsync(db, ctx, "generate obligations", ct) is { } denied)
        {
            return denied;
        }

        var plan = await PlanAsync(db, cmd, ct);
        var created = await InsertAsync(db, ctx.TenantId, plan, Instant.FromDateTimeOffset(clock.GetUtcNow()), cmd.Today, ct);
        var result = new GenerationResult(plan.Count, created);
        if (created > 0)
        {
            // A rerun that creates nothing changes nothing, so it leaves no trace either.
            await audit.AppendAsync(
                db, ctx,
                new AuditRecord(AuditAction.InstancesGenerated, "Tenant", ctx.TenantId.ToString(), null, new { cmd.From, cmd.To, cmd.EntityId, result.Candidates, result.Created }),
                ct);
        }

        await recompute.RunAsync(db, ctx.TenantId, cmd.Today, scope: null, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>What the engine says the tenant needs in the window (pure computation over loaded data).</summary>
    internal static async Task<List<Candidate>> PlanAsync(ComplianceDb db, GenerateInstancesCommand cmd, CancellationToken ct)
    {
        var masters = await MasterSet.LoadAsync(db, ct);
        var entities = await db.LegalEntities.AsNoTracking()
            .Where(e => e.IsActive && (cmd.EntityId == null || e.Id == cmd.EntityId))
            .Include(e => e.GstRegistrations).Include(e => e.AgmRecords)
            .ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => u.IsActive).Include(u => u.Roles).Include(u => u.EntityAccess).ToListAsync(ct);
        var extensions = await db.DueDateExtensions.AsNoTracking().ToListAsync(ct);
        var firstFy = FyOf(cmd.From) - 2;
        var lastFy = FyOf(cmd.To);

        var candidates = new List<Candidate>();
        foreach (var entity in entities)
        {
            var facts = EntityFacts.Of(entity);
            foreach (var am in ApplicableMasters(masters, facts))
            {
                var owner = Assignees.Pick(people, entity.Id, am.Master.DefaultOwnerRole);
                var approver = Assignees.Pick(people, entity.Id, am.Master.DefaultApproverRole, except: owner);
                for (var fy = firstFy; fy <= lastFy; fy++)
                {
                    var events = EventDates.For(entity, fy);
                    foreach (var period in Period.InFinancialYear(am.Master.Frequency, fy))
                    {
                        if (!DueDateEngine.CoversPeriod(am.Rule, period))
                        {
                            continue;
                        }

                        var due = DueDateEngine.Compute(am.Rule, period, facts, events);
                        if (due.DateOrAnchor is not { } when || when < cmd.From || when > cmd.To)
                        {
                            continue;
                        }

                        var extension = ExtensionFor(extensions, am.Master.Id, period.Key, facts);
                        candidates.Add(new Candidate(
                            Guid.CreateVersion7(), entity.Id, am.Master.Id, period, due.DueDate,
                            extension?.ExtendedTo, extension?.NotificationReference, due.AwaitingEvent, due.CumulativePercent,
                            owner, approver));
                    }
                }
            }
        }

        return candidates;
    }

    /// <summary>The masters whose obligations an (active) entity with these facts has: what generation creates instances of.</summary>
    public static IEnumerable<ActiveMaster> ApplicableMasters(IEnumerable<ActiveMaster> masters, EntityFacts facts) =>
        masters.Where(m => m.Applicability.AppliesTo(facts));

    public static DueDateExtension? ExtensionFor(IEnumerable<DueDateExtension> extensions, Guid masterId, string periodKey, EntityFacts facts) =>
        extensions
            .Where(x => x.MasterId == masterId && x.PeriodKey == periodKey && (x.StateScope.Length == 0 || x.States.Contains(facts.DateStateCode)))
            .OrderByDescending(x => x.StateScope.Length)
            .FirstOrDefault();

    private static int FyOf(LocalDate d) => d.Month >= 4 ? d.Year : d.Year - 1;

    private static async Task<int> InsertAsync(ComplianceDb db, Guid tenantId, List<Candidate> plan, Instant now, LocalDate today, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using (var create = new NpgsqlCommand(
            """
            CREATE TEMP TABLE generation_candidates (
              id uuid, entity_id uuid, master_id uuid, period_key text, period_start date, period_end date,
              statutory_due_date date, extended_due_date date, extension_reference text, awaiting_event text,
              cumulative_percent int, owner_user_id uuid, approver_user_id uuid) ON COMMIT DROP
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY generation_candidates FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in plan)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.EntityId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.MasterId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(c.Period.Key, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(c.Period.Start, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(c.Period.End, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, c.StatutoryDue, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, c.ExtendedDue, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, c.ExtensionReference, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, c.AwaitingEvent, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, c.CumulativePercent, NpgsqlDbType.Integer, ct);
                await WriteNullableAsync(copy, c.OwnerUserId, NpgsqlDbType.Uuid, ct);
                await WriteNullableAsync(copy, c.ApproverUserId, NpgsqlDbType.Uuid, ct);
            }

            await copy.CompleteAsync(ct);
        }

        await using var insert = new NpgsqlCommand(InsertSql, connection, transaction);
        insert.Parameters.AddWithValue("tenant", tenantId);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("today", today);
        return (int)(await insert.ExecuteScalarAsync(ct))!;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);

    internal sealed record Candidate(
        Guid Id,
        Guid EntityId,
        Guid MasterId,
        Period Period,
        LocalDate? StatutoryDue,
        LocalDate? ExtendedDue,
        string? ExtensionReference,
        string? AwaitingEvent,
        int? CumulativePercent,
        Guid? OwnerUserId,
        Guid? ApproverUserId);
}
