using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace ComplianceOs.Domain.Channels;

/// <summary>
/// Keeps the user's personal conversation reference current (one upsert per message or install event). Routing data,
/// not a compliance action, so it is not audited; the messages it carries are.
/// </summary>
public sealed class RecordConversation(ComplianceDbFactory dbs, TimeProvider clock)
{
    // A person sends many messages from the same conversation: the same reference is written again at most every
    // few minutes (a round trip and a write per turn saved). A failure or a move forgets it, so the next message writes.
    private static readonly TimeSpan RewriteAfter = TimeSpan.FromMinutes(5);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid Tenant, Guid User, Channel Channel), (string Signature, DateTimeOffset WrittenAt)> _recent = new();

    private const string UpsertSql = """
        INSERT INTO conversation_references (tenant_id, user_id, channel, service_url, conversation_id, bot_id,
          channel_user_id, channel_tenant_id, locale, updated_at, last_delivery_failure, last_delivery_failure_at)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, NULL, NULL)
        ON CONFLICT (tenant_id, user_id, channel) DO UPDATE SET
          service_url = excluded.service_url, conversation_id = excluded.conversation_id, bot_id = excluded.bot_id,
          channel_user_id = excluded.channel_user_id, channel_tenant_id = excluded.channel_tenant_id,
          locale = excluded.locale, updated_at = excluded.updated_at,
          last_delivery_failure = NULL, last_delivery_failure_at = NULL
        """;

    public async Task RecordAsync(Guid tenantId, Guid userId, Channel channel, string serviceUrl, string conversationId, string botId, string channelUserId, string channelTenantId, string? locale, CancellationToken ct = default)
    {
        var key = (tenantId, userId, channel);
        var signature = string.Join('\n', serviceUrl, conversationId, botId, channelUserId, channelTenantId, locale);
        var now = clock.GetUtcNow();
        if (_recent.TryGetValue(key, out var last) && last.Signature == signature && now - last.WrittenAt < RewriteAfter)
        {
            return;
        }

        await UpsertAsync(tenantId, userId, channel, serviceUrl, conversationId, botId, channelUserId, channelTenantId, locale, ct);
        _recent[key] = (signature, now);
    }

    private async Task UpsertAsync(Guid tenantId, Guid userId, Channel channel, string serviceUrl, string conversationId, string botId, string channelUserId, string channelTenantId, string? locale, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            UpsertSql,
            [tenantId, userId, channel.ToString(), serviceUrl, conversationId, botId, channelUserId, channelTenantId,
             new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)locale ?? DBNull.Value }, Instant.FromDateTimeOffset(clock.GetUtcNow())],
            ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The user's reference for a channel, or null when the bot has never seen them there.</summary>
    public async Task<ConversationReference?> FindAsync(Guid tenantId, Guid userId, Channel channel, CancellationToken ct = default)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        return await db.ConversationReferences.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == userId && r.Channel == channel, ct);
    }

    /// <summary>Points the reference at a newly created conversation (the old one is gone).</summary>
    public async Task MoveAsync(Guid tenantId, Guid userId, Channel channel, string conversationId, CancellationToken ct = default)
    {
        _recent.TryRemove((tenantId, userId, channel), out _);
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await db.ConversationReferences.Where(r => r.UserId == userId && r.Channel == channel)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ConversationId, conversationId).SetProperty(r => r.UpdatedAt, now), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Records why a proactive delivery failed (e.g. the app is not installed), for admins to see.</summary>
    public async Task RecordFailureAsync(Guid tenantId, Guid userId, Channel channel, string reason, CancellationToken ct = default)
    {
        _recent.TryRemove((tenantId, userId, channel), out _);
        await using var db = dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var trimmed = reason.Length > 200 ? reason[..200] : reason;
        await db.ConversationReferences.Where(r => r.UserId == userId && r.Channel == channel)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LastDeliveryFailure, trimmed).SetProperty(r => r.LastDeliveryFailureAt, now), ct);
        await tx.CommitAsync(ct);
    }
}
