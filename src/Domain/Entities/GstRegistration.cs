using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Entities;

public enum GstRegime
{
    Monthly,
    Qrmp,
}

/// <summary>One GSTIN of an entity; its state is the GSTIN's first two digits.</summary>
public sealed class GstRegistration : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid EntityId { get; set; }

    public required string Gstin { get; set; }

    public required string StateCode { get; set; }

    public GstRegime Regime { get; set; }
}
