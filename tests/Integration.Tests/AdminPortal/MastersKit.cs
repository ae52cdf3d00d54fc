using System.Net;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>What the masters tests post and read: the editor's fields, errors beside fields, dates in the page, and rows in the database.</summary>
internal static partial class MastersKit
{
    public const string MonthlyTenth = """{"variants":[{"due":{"kind":"dayOfMonthAfter","monthsAfter":1,"day":10}}]}""";

    /// <summary>The editor's fields for a monthly master; <paramref name="overrides"/> replaces or adds fields (by the name after "Input.").</summary>
    public static List<KeyValuePair<string, string>> Master(string code, string rule = MonthlyTenth, params (string Field, string Value)[] overrides)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Name"] = "Monthly MIS pack to the board",
            ["Input.Category"] = "Other",
            ["Input.Authority"] = "Board of directors",
            ["Input.Frequency"] = "Monthly",
            ["Input.RuleText"] = "The MIS pack for each month goes to the board by the 10th of the following month.",
            ["Input.DueDateRule"] = rule,
            ["Input.Applicability"] = """{"entityKinds":["PrivateLimited"]}""",
            ["Input.WorkflowSteps"] = "Prepare, Review, File",
            ["Input.Confidence"] = "High",
        };
        foreach (var (field, value) in overrides)
        {
            fields[field.Contains('.', StringComparison.Ordinal) || field.StartsWith("Preview", StringComparison.Ordinal) ? field : $"Input.{field}"] = value;
        }

        return fields.ToList();
    }

    /// <summary>The message shown beside a field (the span asp-validation-for renders), or null when there is none.</summary>
    public static string? FieldError(string html, string key)
    {
        foreach (Match m in Regex.Matches(html, $"<span([^>]*)data-valmsg-for=\"{Regex.Escape(key)}\"([^>]*)>(.*?)</span>", RegexOptions.Singleline))
        {
            if ((m.Groups[1].Value + m.Groups[2].Value).Contains("field-validation-error", StringComparison.Ordinal))
            {
                return WebUtility.HtmlDecode(m.Groups[3].Value);
            }
        }

        return null;
    }

    /// <summary>The due dates in the preview table, as the page states them (ISO, from the &lt;time&gt; elements).</summary>
    public static List<string> PreviewDueDates(string html) =>
        DueCell().Matches(html).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The date in force shown in the row of one obligation on a master's page.</summary>
    public static string? DueInForce(string html, Guid instanceId)
    {
        var row = Regex.Match(html, $"<tr id=\"instance-{instanceId}\">(.*?)</tr>", RegexOptions.Singleline);
        return row.Success && InForceCell().Match(row.Groups[1].Value) is { Success: true } cell ? cell.Groups[1].Value : null;
    }

    public static string? InputValue(string html, string id) =>
        Regex.Match(html, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*value=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static async Task<List<AuditEntry>> AuditAsync(DatabaseFixture fixture, Guid tenantId)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    public static async Task<ComplianceMaster?> OwnMasterAsync(DatabaseFixture fixture, Guid tenantId, string code)
    {
        await using var db = fixture.Dbs.ForTenant(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceMasters.AsNoTracking().SingleOrDefaultAsync(m => m.TenantId == tenantId && m.Code == code);
    }

    public static async Task<Guid> GlobalMasterIdAsync(DatabaseFixture fixture, string code)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ComplianceMasters.Where(m => m.TenantId == null && m.Code == code).Select(m => m.Id).SingleAsync();
    }

    /// <summary>Acme India's obligation of a catalog master for a period (the demo seed generated it).</summary>
    public static async Task<ComplianceInstance> AcmeInstanceAsync(DatabaseFixture fixture, string code, string periodKey)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await (from i in db.ComplianceInstances.AsNoTracking()
                      join m in db.ComplianceMasters on i.MasterId equals m.Id
                      where m.Code == code && i.PeriodKey == periodKey && i.EntityId == DemoWorld.Acme.IndiaEntityId
                      select i).SingleAsync();
    }

    [GeneratedRegex("<td class=\"due\">\\s*<time datetime=\"([0-9-]{10})\"")]
    private static partial Regex DueCell();

    [GeneratedRegex("<td class=\"due-in-force\">\\s*<time datetime=\"([0-9-]{10})\"")]
    private static partial Regex InForceCell();
}
