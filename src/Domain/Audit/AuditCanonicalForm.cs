using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.Domain.Audit;

/// <summary>
/// The canonical form an audit entry's hash covers (version <c>v1</c>): a JSON array, written without whitespace, of
/// <code>
/// ["v1", tenantId, sequence, occurredAt, actorKind, actorId|null, actorName, channel, action,
///  targetType, targetId, correlationId|null, before|null, after|null, previousHash]
/// </code>
/// where ids are lower-case hyphenated GUIDs, <c>sequence</c> is a JSON number, <c>occurredAt</c> is UTC at the stored
/// (microsecond) precision as <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, enums are their names, and <c>before</c>/<c>after</c>
/// are strings holding PostgreSQL's own text rendering of the stored jsonb (its key order and spacing are fixed by the
/// jsonb value, so the form is stable however the snapshot was first written). The hash is the lower-case hex SHA-256
/// of the UTF-8 bytes; the first entry's previous hash is 64 zeros.
/// </summary>
public static class AuditCanonicalForm
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly InstantPattern OccurredAtPattern = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.ffffff'Z'");

    /// <summary>PostgreSQL stores microseconds; hashing anything finer would break on read-back.</summary>
    public static Instant ToStoredPrecision(Instant instant) =>
        Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() - (instant.ToUnixTimeTicks() % 10));

    public static string Render(AuditEntry e) => Render(HashInput.From(e));

    public static string ComputeHash(AuditEntry e) => ComputeHash(HashInput.From(e));

    internal static string ComputeHash(HashInput e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Render(e))));

    internal static string Render(HashInput e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            w.WriteStartArray();
            w.WriteStringValue("v1");
            w.WriteStringValue(e.TenantId.ToString("D"));
            w.WriteNumberValue(e.Sequence);
            w.WriteStringValue(OccurredAtPattern.Format(e.OccurredAt));
            w.WriteStringValue(e.ActorKind);
            WriteNullable(w, e.ActorId?.ToString("D"));
            w.WriteStringValue(e.ActorName);
            w.WriteStringValue(e.Channel);
            w.WriteStringValue(e.Action);
            w.WriteStringValue(e.TargetType);
            w.WriteStringValue(e.TargetId);
            WriteNullable(w, e.CorrelationId);
            WriteNullable(w, e.Before);
            WriteNullable(w, e.After);
            w.WriteStringValue(e.PreviousHash);
            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The canonical form around the two values only the chain head knows: rendered text =
    /// <c>Prefix + sequence + Middle + previousHash + Suffix</c>, so the database can finish and hash it inside the
    /// chain lock in one statement (sequence as plain digits, the previous hash as 64 hex characters).
    /// </summary>
    internal static (string Prefix, string Middle, string Suffix) RenderAroundHead(HashInput e)
    {
        var text = Render(e with { Sequence = 0, PreviousHash = string.Empty });
        var prefix = $"[\"v1\",\"{e.TenantId:D}\",";
        const string suffix = "\"]";
        if (!text.StartsWith(prefix + "0,", StringComparison.Ordinal) || !text.EndsWith(",\"" + suffix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The canonical form v1 changed shape; RenderAroundHead must follow it.");
        }

        return (prefix, text[(prefix.Length + 1)..^suffix.Length], suffix);
    }

    private static void WriteNullable(Utf8JsonWriter w, string? value)
    {
        if (value is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStringValue(value);
        }
    }

    /// <summary>The stored values as text, exactly as read from the row (enum columns are not re-parsed).</summary>
    internal sealed record HashInput(
        Guid TenantId,
        long Sequence,
        Instant OccurredAt,
        string ActorKind,
        Guid? ActorId,
        string ActorName,
        string Channel,
        string Action,
        string TargetType,
        string TargetId,
        string? CorrelationId,
        string? Before,
        string? After,
        string PreviousHash)
    {
        public static HashInput From(AuditEntry e) => new(
            e.TenantId, e.Sequence, e.OccurredAt, e.ActorKind.ToString(), e.ActorId, e.ActorName, e.Channel.ToString(),
            e.Action.ToString(), e.TargetType, e.TargetId, e.CorrelationId, e.Before, e.After, e.PreviousHash);
    }
}
