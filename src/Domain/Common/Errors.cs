namespace ComplianceOs.Domain.Common;

/// <summary>An expected failure of a command. Transports map these to 4xx responses or error cards.</summary>
public abstract record Error(string Code, string Message);

/// <summary>Input that breaks a rule; <paramref name="Field"/> names the offending field (e.g. <c>gstins[0].gstin</c>).</summary>
public sealed record ValidationError(string Field, string Message) : Error("validation", $"{Field}: {Message}");

public sealed record NotFoundError(string What, string Id) : Error("not_found", $"{What} '{Id}' was not found.");

public sealed record ForbiddenError(string Reason) : Error("forbidden", Reason);

/// <summary>The write collides with existing data (a unique key); nothing was written.</summary>
public sealed record ConflictError(string Field, string Reason) : Error("conflict", $"{Field}: {Reason}");

/// <summary>The caller acted on an out-of-date copy (e.g. a stale card).</summary>
public sealed record StaleError(string Reason) : Error("stale", Reason);
