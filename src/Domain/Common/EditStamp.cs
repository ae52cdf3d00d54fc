using System.Security.Cryptography;
using System.Text;
using ComplianceOs.Domain.Audit;

namespace ComplianceOs.Domain.Common;

/// <summary>
/// What an editor saw of a record that has no version column: the SHA-256 of its audit snapshot. An update names the
/// stamp its form was filled from; if the record's current stamp differs, someone changed it in between and the
/// update is refused with a <see cref="StaleError"/> instead of silently overwriting their change. Snapshots must
/// list child rows in a fixed order, or the same record would get different stamps.
/// </summary>
public static class EditStamp
{
    public static string Of(object snapshot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditSnapshot.Serialize(snapshot)!)));
}
