using System.Collections;
using System.Reflection;
using System.Text;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceOs.Benchmarks;

/// <summary>
/// Profiling only: reaches the handler's internal planning step and its SQL text by reflection (the Domain project
/// exposes internals to its test projects only, and this benchmark must not change it). Everything here runs in a
/// transaction that is rolled back.
/// </summary>
public static class InternalProbe
{
    private static readonly MethodInfo PlanMethod = typeof(GenerateInstancesHandler)
        .GetMethod("PlanAsync", BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("GenerateInstancesHandler.PlanAsync not found (the handler changed; update the probe).");

    public static string InsertSql => Const(typeof(GenerateInstancesHandler), "InsertSql");

    public static string RecomputeSql => Const(typeof(RecomputeStatus), "TenantSql");

    public static string SweepSql => Const(typeof(Domain.Notifications.Reminders.SweepRemindersHandler), "Sql");

    /// <summary>The handler's own planning step (EF loads + the rule engine), nothing written.</summary>
    public static async Task<IList> PlanAsync(ComplianceDb db, GenerateInstancesCommand cmd, CancellationToken ct = default)
    {
        var task = (Task)PlanMethod.Invoke(null, [db, cmd, ct])!;
        await task;
        return (IList)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }

    /// <summary>
    /// Plans one tenant and loads the candidates exactly as the handler does (temp table + binary COPY), then runs the
    /// handler's INSERT under EXPLAIN (ANALYZE, BUFFERS) and compares recompute variants on the fresh rows; rolled back.
    /// </summary>
    public static async Task<string> ExplainGenerationAsync(ComplianceDbFactory dbs, Guid tenantId, GenerateInstancesCommand cmd, int timeoutSeconds)
    {
        var report = new StringBuilder();
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var plan = await PlanAsync(db, cmd);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        await ExecAsync(connection, transaction, """
            CREATE TEMP TABLE generation_candidates (
              id uuid, entity_id uuid, master_id uuid, period_key text, period_start date, period_end date,
              statutory_due_date date, extended_due_date date, extension_reference text, awaiting_event text,
              cumulative_percent int, owner_user_id uuid, approver_user_id uuid) ON COMMIT DROP
            """);
        await CopyAsync(connection, plan);

        var insert = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + InsertSql, connection, transaction);
        insert.Parameters.AddWithValue("tenant", tenantId);
        insert.Parameters.AddWithValue("now", SystemClock.Instance.GetCurrentInstant());
        insert.Parameters.AddWithValue("today", cmd.Today);
        report.AppendLine($"--- the handler's INSERT … ON CONFLICT + workflow tasks, {plan.Count} candidates (fresh tenant) ---");
        report.Append(await ReadPlanAsync(insert));
        report.AppendLine($"--- recompute of those fresh rows inside the same transaction (as GenerateInstancesHandler does), today {cmd.Today:uuuu-MM-dd} ---");
        report.Append(await CompareVariantsAsync(connection, transaction, tenantId, cmd.Today, timeoutSeconds, verbosePlans: true));
        await tx.RollbackAsync();
        return report.ToString();
    }

    /// <summary>Recompute variants on an established tenant (its rows are in the statistics), rolled back.</summary>
    public static async Task<string> CompareRecomputeAsync(ComplianceDbFactory dbs, Guid tenantId, LocalDate today, int timeoutSeconds)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var text = await CompareVariantsAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)tx.GetDbTransaction(), tenantId, today, timeoutSeconds, verbosePlans: false);
        await tx.RollbackAsync();
        return text;
    }

    private static async Task<string> CompareVariantsAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid tenantId, LocalDate today, int timeoutSeconds, bool verbosePlans)
    {
        var variants = new (string Name, string? Setting, string Sql)[]
        {
            ("shipped RecomputeStatus statement", null, RecomputeSql),
            ("shipped statement + SET LOCAL enable_nestloop = off, jit = off", "SET LOCAL enable_nestloop = off; SET LOCAL jit = off", RecomputeSql),
        };
        var sb = new StringBuilder();
        string? reference = null;
        foreach (var (name, setting, sql) in variants)
        {
            await ExecAsync(c, tx, "SAVEPOINT variant");
            await ExecAsync(c, tx, $"SET LOCAL statement_timeout = '{timeoutSeconds}s'");
            if (setting is not null)
            {
                await ExecAsync(c, tx, setting);
            }

            var cmd = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, c, tx) { CommandTimeout = timeoutSeconds + 30 };
            cmd.Parameters.AddWithValue("tenant", tenantId);
            cmd.Parameters.AddWithValue("today", today);
            cmd.Parameters.Add(new NpgsqlParameter("instance", NpgsqlDbType.Uuid) { Value = DBNull.Value });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                var plan = await ReadPlanAsync(cmd);
                clock.Stop();
                var digest = await DigestAsync(c, tx, tenantId);
                reference ??= digest;
                var exec = plan.Split('\n').FirstOrDefault(l => l.StartsWith("Execution Time", StringComparison.Ordinal))?.Trim();
                sb.AppendLine($"  {name}: {clock.Elapsed.TotalMilliseconds:F1} ms round trip ({exec}); resulting rows {(digest == reference ? "identical to the first variant" : "DIFFER from the first variant")} [{digest}]");
                if (verbosePlans || setting is null)
                {
                    foreach (var line in plan.Split('\n').Where(l => l.Contains("loops=", StringComparison.Ordinal)).Take(40))
                    {
                        sb.AppendLine("      " + (line.Length > 170 ? line[..170] + "…" : line.TrimEnd()));
                    }
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.QueryCanceled)
            {
                sb.AppendLine($"  {name}: CANCELLED by statement_timeout after {clock.Elapsed.TotalSeconds:F1} s");
            }

            await ExecAsync(c, tx, "ROLLBACK TO SAVEPOINT variant");
        }

        return sb.ToString();
    }

    private static async Task<string> DigestAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid tenantId)
    {
        await using var cmd = new NpgsqlCommand(
            """
            SELECT count(*) || ' rows, ' || count(*) FILTER (WHERE is_overdue) || ' overdue, ' || count(*) FILTER (WHERE is_blocked) || ' blocked, md5 '
                   || left(md5(string_agg(id::text || is_overdue || is_blocked || coalesce(blocked_reason, '~') || rag, ',' ORDER BY id)), 8)
            FROM compliance_instances WHERE tenant_id = @tenant
            """, c, tx);
        cmd.Parameters.AddWithValue("tenant", tenantId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IList plan)
    {
        if (plan.Count == 0)
        {
            return;
        }

        var t = plan[0]!.GetType();
        var period = t.GetProperty("Period")!;
        var periodType = period.PropertyType;
        var getters = new Func<object, object?>[]
        {
            Prop(t, "Id"), Prop(t, "EntityId"), Prop(t, "MasterId"),
            c => periodType.GetProperty("Key")!.GetValue(period.GetValue(c)),
            c => periodType.GetProperty("Start")!.GetValue(period.GetValue(c)),
            c => periodType.GetProperty("End")!.GetValue(period.GetValue(c)),
            Prop(t, "StatutoryDue"), Prop(t, "ExtendedDue"), Prop(t, "ExtensionReference"), Prop(t, "AwaitingEvent"),
            Prop(t, "CumulativePercent"), Prop(t, "OwnerUserId"), Prop(t, "ApproverUserId"),
        };
        await using var copy = await connection.BeginBinaryImportAsync("COPY generation_candidates FROM STDIN (FORMAT BINARY)");
        foreach (var c in plan)
        {
            await copy.StartRowAsync();
            foreach (var get in getters)
            {
                switch (get(c!))
                {
                    case null: await copy.WriteNullAsync(); break;
                    case Guid g: await copy.WriteAsync(g, NpgsqlDbType.Uuid); break;
                    case string s: await copy.WriteAsync(s, NpgsqlDbType.Text); break;
                    case LocalDate d: await copy.WriteAsync(d, NpgsqlDbType.Date); break;
                    case int i: await copy.WriteAsync(i, NpgsqlDbType.Integer); break;
                    case var other: throw new InvalidOperationException($"unexpected candidate value {other.GetType()}");
                }
            }
        }

        await copy.CompleteAsync();
    }

    private static Func<object, object?> Prop(Type t, string name)
    {
        var p = t.GetProperty(name) ?? throw new InvalidOperationException($"Candidate.{name} not found");
        return p.GetValue;
    }

    private static async Task ExecAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c, tx);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<string> ReadPlanAsync(NpgsqlCommand cmd)
    {
        var sb = new StringBuilder();
        await using (cmd)
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                sb.AppendLine(r.GetString(0));
            }
        }

        return sb.ToString();
    }

    // A constant or a static readonly string: the handlers have used both.
    private static string Const(Type t, string name) =>
        t.GetField(name, BindingFlags.NonPublic | BindingFlags.Static) switch
        {
            { IsLiteral: true } f => (string)f.GetRawConstantValue()!,
            { } f => (string)f.GetValue(null)!,
            null => throw new InvalidOperationException($"{t.Name}.{name} not found (the handler changed; update the probe)."),
        };
}
