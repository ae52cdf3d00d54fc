namespace ComplianceOs.Domain.Seeding;

/// <summary>The fixed ids of the demo world, so tests and fixtures can name its tenants, entities and people.</summary>
public static class DemoWorld
{
    public static readonly Guid OperatorId = Guid.Parse("0c05a000-0000-4000-8000-000000000001");
    public const string OperatorEmail = "operator@complianceos.example";

    public static class Acme
    {
        public static readonly Guid TenantId = Guid.Parse("ac000000-0000-4000-8000-000000000001");
        public const string TeamsTenantId = "3f9a2c41-7d5e-4b8a-9c1f-0a1c0000ac01";
        public const string SlackTeamId = "T0ACME001";
        public static readonly Guid IndiaEntityId = Guid.Parse("ac000000-0000-4000-8000-0000000000e1");
        public static readonly Guid LlpEntityId = Guid.Parse("ac000000-0000-4000-8000-0000000000e2");
        public static readonly Guid PriyaId = Guid.Parse("ac000000-0000-4000-8000-000000000101");
        public static readonly Guid RahulId = Guid.Parse("ac000000-0000-4000-8000-000000000102");
        public static readonly Guid AnitaId = Guid.Parse("ac000000-0000-4000-8000-000000000103");
        public static readonly Guid VikramId = Guid.Parse("ac000000-0000-4000-8000-000000000104");
    }

    public static class Bharat
    {
        public static readonly Guid TenantId = Guid.Parse("b0000000-0000-4000-8000-000000000002");
        public const string TeamsTenantId = "5b7d9f1a-2c4e-4f60-8a1b-000000000b02";
        public const string SlackTeamId = "T0BHARAT1";
        public static readonly Guid EntityId = Guid.Parse("b0000000-0000-4000-8000-0000000000e1");
        public static readonly Guid SureshId = Guid.Parse("b0000000-0000-4000-8000-000000000201");
        public static readonly Guid MeeraId = Guid.Parse("b0000000-0000-4000-8000-000000000202");
    }
}
