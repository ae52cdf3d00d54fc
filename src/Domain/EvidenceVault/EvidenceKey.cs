using System.Globalization;

namespace ComplianceOs.Domain.EvidenceVault;

/// <summary>Where a version's bytes live: <c>{tenant}/{entity}/{instance}/{evidenceId}/v{version}/{safe-file-name}</c>.</summary>
public static class EvidenceKey
{
    public static string For(Guid tenantId, Guid entityId, Guid instanceId, Guid evidenceId, int version, string safeFileName) =>
        string.Create(CultureInfo.InvariantCulture, $"{tenantId:D}/{entityId:D}/{instanceId:D}/{evidenceId:D}/v{version}/{safeFileName}");
}
