namespace ComplianceOs.Integration.Tests.Infrastructure;

/// <summary>
/// Connection strings exported by ./test.sh (<c>ConnectionStrings__ComplianceDb</c>, <c>ConnectionStrings__ComplianceDbOwner</c>);
/// the defaults match the scripts' defaults so a plain <c>dotnet test</c> works after <c>./run.sh</c> or <c>./test.sh</c>.
/// </summary>
public sealed record TestSettings(string OwnerConnectionString, string AppConnectionString)
{
    public static TestSettings Load() => new(
        Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDbOwner")
            ?? "Host=127.0.0.1;Port=55432;Database=complianceos;Username=compliance_owner;Password=compliance_owner_dev",
        Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDb")
            ?? "Host=127.0.0.1;Port=55432;Database=complianceos;Username=compliance_app;Password=compliance_app_dev");
}
