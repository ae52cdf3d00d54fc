using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ComplianceOs.Benchmarks.Conversation;

/// <summary>
/// <c>floor-bot</c>: the least any bot that keeps its promises must do per turn, written as cheaply as .NET and
/// PostgreSQL allow, to tell how far the target is from what this machine can do at all. One round trip per turn:
/// a transaction that sets the tenant for row-level security, records the activity id (redelivery guard, unique key,
/// durable), and reads the person's first ten open obligations through one index; then one reply through the
/// connector. No parsing of what was typed, no workflow, no audit, no card: every real turn does more.
/// People are resolved from a map loaded at start (a cache that is never wrong here because nobody changes).
/// </summary>
public static class FloorBot
{
    public static async Task<int> RunAsync(string[] args)
    {
        var app = Environment.GetEnvironmentVariable("FLOOR_APP_CONNECTION") ?? throw new InvalidOperationException("FLOOR_APP_CONNECTION is not set");
        var owner = Environment.GetEnvironmentVariable("FLOOR_OWNER_CONNECTION") ?? throw new InvalidOperationException("FLOOR_OWNER_CONNECTION is not set");
        var people = new Dictionary<string, (Guid Tenant, Guid User)>(StringComparer.OrdinalIgnoreCase);
        await using (var c = new NpgsqlConnection(owner))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT aad_object_id, tenant_id, id FROM users WHERE aad_object_id IS NOT NULL", c);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                people[r.GetString(0)] = (r.GetGuid(1), r.GetGuid(2));
            }
        }

        var builder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(app) { MaxAutoPrepare = 16, AutoPrepareMinUsages = 2, NoResetOnClose = true, MaxPoolSize = 64 }.ConnectionString);
        await using var data = builder.Build();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, UseProxy = false });

        // FLOOR_MODE (BENCH_BOT_FLOOR_MODE from the benchmark): "guard" (default) as above; "read" drops the
        // redelivery guard (a bot that keeps no promise about retries: how much of the floor the durable write is);
        // "append" adds one append to the tenant's hash-chained audit trail (what every workflow turn adds at least).
        var mode = Environment.GetEnvironmentVariable("FLOOR_MODE") ?? "guard";
        var web = WebApplication.CreateSlimBuilder(args);
        web.Logging.ClearProviders();
        var host = web.Build();
        host.MapGet("/health", () => "ok");
        host.MapPost("/api/messages", async (HttpContext ctx) =>
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
            var a = doc.RootElement;
            var aad = a.GetProperty("from").GetProperty("aadObjectId").GetString()!;
            var conversation = a.GetProperty("conversation").GetProperty("id").GetString()!;
            var activityId = a.GetProperty("id").GetString()!;
            var serviceUrl = a.GetProperty("serviceUrl").GetString()!;
            if (!people.TryGetValue(aad, out var who))
            {
                ctx.Response.StatusCode = 403;
                return;
            }

            var lines = new StringBuilder();
            await using (var c = await data.OpenConnectionAsync())
            {
                // A batch is one round trip and, under one Sync, one implicit transaction: set_config(..., true)
                // holds for the statements after it, and the insert is committed (durably) before the answer.
                await using var batch = new NpgsqlBatch(c)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, true)") { Parameters = { new() { Value = who.Tenant.ToString() } } },
                        new NpgsqlBatchCommand("INSERT INTO inbound_activities (tenant_id, channel, conversation_id, activity_id, received_at) VALUES ($1, 'Teams', $2, $3, now()) ON CONFLICT DO NOTHING")
                        {
                            Parameters = { new() { Value = who.Tenant }, new() { Value = conversation }, new() { Value = activityId } },
                        },
                        new NpgsqlBatchCommand("SELECT i.period_key, i.status, i.statutory_due_date FROM compliance_instances i WHERE i.tenant_id = $1 AND i.owner_user_id = $2 AND i.status <> 'Filed' ORDER BY i.statutory_due_date LIMIT 10")
                        {
                            Parameters = { new() { Value = who.Tenant }, new() { Value = who.User } },
                        },
                    },
                };
                if (mode == "read")
                {
                    batch.BatchCommands.RemoveAt(1);
                }
                else if (mode == "append")
                {
                    // The chain lock is taken here and released by the implicit commit at the batch's end: held for
                    // the append and the WAL flush only, never across a client round trip.
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(
                        "SELECT out_sequence FROM app_audit_append($1, $2, 'User', $3, 'bench', 'Teams', 'Bench', 'Instance', $4, NULL, NULL, $5, now(), 'v1|', '|', '|')")
                    {
                        Parameters = { new() { Value = Guid.NewGuid() }, new() { Value = who.Tenant }, new() { Value = who.User }, new() { Value = activityId }, new() { Value = activityId } },
                    });
                }

                await using var r = await batch.ExecuteReaderAsync();
                do
                {
                    while (await r.ReadAsync())
                    {
                        if (r.FieldCount == 3)
                        {
                            lines.Append(r.GetString(0)).Append(' ').Append(r.GetString(1)).Append(' ').Append(r.GetFieldValue<DateOnly>(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                        }
                    }
                }
                while (await r.NextResultAsync());
            }

            var reply = JsonSerializer.Serialize(new { type = "message", text = lines.ToString(), replyToId = activityId });
            using var content = new StringContent(reply, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var sent = await http.PostAsync($"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversation)}/activities/{Uri.EscapeDataString(activityId)}", content);
            ctx.Response.StatusCode = sent.IsSuccessStatusCode ? 200 : 502;
        });
        await host.RunAsync();
        return 0;
    }
}
