namespace ComplianceOs.Domain.Common;

/// <summary>The tenant, actor, channel and correlation id (activity or request id) of one command.</summary>
public sealed record CommandContext(Guid TenantId, Actor Actor, Channel Channel, string? CorrelationId = null);

/// <summary>The actor and channel of a platform-level command (outside any tenant).</summary>
public sealed record PlatformContext(Actor Actor, Channel Channel, string? CorrelationId = null);
