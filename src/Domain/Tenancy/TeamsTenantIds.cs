namespace ComplianceOs.Domain.Tenancy;

/// <summary>The form of a Microsoft Entra (Teams) tenant id as bindings store it: a GUID in lower case with hyphens.</summary>
public static class TeamsTenantIds
{
    public static string Normalize(string? value) => (value ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>Null when <paramref name="normalized"/> is a tenant id, else what is wrong with it.</summary>
    public static string? Problem(string normalized) =>
        Guid.TryParseExact(normalized, "D", out _) ? null : $"'{normalized}' is not a Microsoft Entra tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47)";
}
