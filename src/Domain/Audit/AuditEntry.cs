using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Audit;

/// <summary>
/// One link of a tenant's append-only, hash-chained audit trail. Written only through <see cref="AuditLog"/>;
/// the database refuses UPDATE, DELETE and TRUNCATE. See <see cref="AuditCanonicalForm"/> for what the hash covers.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>1, 2, 3… per tenant without gaps; unique per tenant so two writers cannot fork the chain.</summary>
    public long Sequence { get; set; }

    public ActorKind ActorKind { get; set; }

    public Guid? ActorId { get; set; }

    public required string ActorName { get; set; }

    public Channel Channel { get; set; }

    public AuditAction Action { get; set; }

    public required string TargetType { get; set; }

    public required string TargetId { get; set; }

    /// <summary>jsonb snapshot before the change (null for creations).</summary>
    public string? Before { get; set; }

    /// <summary>jsonb snapshot after the change (null for removals).</summary>
    public string? After { get; set; }

    /// <summary>Teams activity id, Slack event id, HTTP request id or job id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>UTC, truncated to microseconds (PostgreSQL's precision) before hashing.</summary>
    public Instant OccurredAt { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}
