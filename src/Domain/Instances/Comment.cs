using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Instances;

public sealed class Comment : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid InstanceId { get; set; }

    public Guid AuthorUserId { get; set; }

    public required string Text { get; set; }

    public Channel Channel { get; set; }

    public Instant CreatedAt { get; set; }
}
