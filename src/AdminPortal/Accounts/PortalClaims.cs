namespace ComplianceOs.AdminPortal.Accounts;

/// <summary>What the sign-in cookie says about who is signed in.</summary>
public static class PortalClaims
{
    public const string Kind = "cos:kind";
    public const string TenantAdminKind = "tenant-admin";
    public const string OperatorKind = "operator";
    public const string Credential = "cos:credential";
    public const string Tenant = "cos:tenant";
    public const string User = "cos:user";
    public const string Operator = "cos:operator";
    public const string Stamp = "cos:stamp";
    public const string Name = "cos:name";
}

public static class PortalPolicies
{
    public const string Anyone = "signed-in";
    public const string TenantAdmin = "tenant-admin";
    public const string Operator = "operator";
}

/// <summary>The type ASP.NET Core Identity's <c>PasswordHasher&lt;T&gt;</c> is made for; it carries nothing.</summary>
public sealed class PortalCredentialUser
{
    public static readonly PortalCredentialUser Instance = new();
}
