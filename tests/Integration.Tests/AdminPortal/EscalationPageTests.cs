using System.Net;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Notifications.Reminders;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>
/// The escalation matrix page: shows what is in force, saves a valid matrix through SetReminderSettings (audited as
/// the admin, from the portal), and refuses a bad one with each problem beside its field, a 400 and nothing written.
/// </summary>
public sealed class EscalationPageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private static readonly Guid Acme = DemoWorld.Acme.TenantId;
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ThePage_ShowsTheMatrixInForce_TheDefaultsWhenNoneWasSaved()
    {
        using var suresh = await PortalWorld.SureshAsync(_host);
        await ClearAsync(DemoWorld.Bharat.TenantId);

        var page = WebUtility.HtmlDecode(await suresh.GetPageAsync("/Tenant/Escalation"));

        Assert.Contains("(the defaults: nothing saved yet)", page, StringComparison.Ordinal);
        foreach (var stage in EscalationMatrix.Default)
        {
            Assert.Contains($"<tr data-stage=\"{stage.Stage}\">", page, StringComparison.Ordinal);
        }

        Assert.Contains("Quiet hours: 20:00–08:00, and all of Sunday.", page, StringComparison.Ordinal);
        Assert.Matches("name=\"Stages\\[4\\].Stage\"[^>]*value=\"\\+7\"", page);
        Assert.Matches("name=\"Stages\\[5\\].Stage\"[^>]*value=\"\"", page); // empty rows to add stages
    }

    [Fact]
    public async Task AValidMatrix_IsSaved_AndAuditedAsTheAdminFromThePortal()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var response = await anita.PostFormAsync("/Tenant/Escalation", Form(
            [("T-5", "-5", ["Owner"]), ("due", "0", ["Owner", "Approver"]), ("", "", []), ("+10", "10", ["EscalationContact", "Director"])],
            "21:30", "07:00", sundays: false));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await SettingsAsync(Acme);
        Assert.NotNull(saved);
        Assert.Equal(
            [("T-5", -5, "Owner"), ("due", 0, "Owner,Approver"), ("+10", 10, "EscalationContact,Director")],
            saved.Stages.Select(s => (s.Stage, s.DaysFromDue, string.Join(",", s.To))));
        Assert.Equal((new LocalTime(21, 30), new LocalTime(7, 0), false), (saved.QuietFrom, saved.QuietUntil, saved.QuietOnSundays));

        var entry = (await AuditAsync(Acme)).Last();
        Assert.Equal((AuditAction.ReminderSettingsChanged, DemoWorld.Acme.AnitaId, Channel.Portal), (entry.Action, entry.ActorId, entry.Channel));
        Assert.Contains("\"T-5\"", entry.After, StringComparison.Ordinal);
        Assert.Contains("\"quietFrom\": \"21:30\"", entry.After, StringComparison.Ordinal);

        var page = WebUtility.HtmlDecode(await anita.GetPageAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Saved. The change is on the audit trail.", page, StringComparison.Ordinal);
        Assert.Contains("<td>5 days before</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Escalation contact, Director</td>", page, StringComparison.Ordinal);
        Assert.Contains("Quiet hours: 21:30–07:00.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadMatrix_IsRefused_WithEachProblemBesideItsField_A400_AndNothingChanged()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var before = await SettingsJsonAsync(Acme);
        var entries = (await AuditAsync(Acme)).Count;

        using var response = await anita.PostFormAsync("/Tenant/Escalation", Form(
            [("T 3!", "-3", ["Owner"]), ("", "", []), ("late", "500", [])],
            "25:00", "08:00", sundays: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Not saved.", page, StringComparison.Ordinal);
        Assert.Equal("Use 1–16 letters, digits, '+' or '-' (e.g. T-3, due, +7)", FieldError(page, "Stages[0].Stage"));
        Assert.Equal("Must be between -30 (before the due date) and 90 (after it)", FieldError(page, "Stages[2].DaysFromDue"));
        Assert.Equal("Name at least one recipient.", FieldError(page, "Stages[2].To"));
        Assert.Equal("'25:00' is not a time of day as HH:mm (e.g. 20:00)", FieldError(page, "QuietFrom"));
        Assert.Null(FieldError(page, "Stages[0].DaysFromDue"));
        Assert.Matches("name=\"Stages\\[0\\].Stage\"[^>]*value=\"T 3!\"", page); // what was typed comes back to be corrected
        Assert.Equal(before, await SettingsJsonAsync(Acme));
        Assert.Equal(entries, (await AuditAsync(Acme)).Count);
    }

    [Theory]
    [InlineData("three", "Stages[0].DaysFromDue", "'three' is not a whole number of days.")]
    [InlineData("", "Stages[0].DaysFromDue", "Give the day: negative before the due date, 0 on it, positive after.")]
    [InlineData("0", "Stages", "Two stages fall on day 0.")]
    public async Task DaysThatAreNotANumber_OrTwoStagesOnOneDay_AreRefused(string days, string field, string message)
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var before = await SettingsJsonAsync(Acme);

        using var response = await anita.PostFormAsync("/Tenant/Escalation", Form([("first", days, ["Owner"]), ("second", "0", ["Approver"])], "20:00", "08:00", sundays: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, FieldError(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), field));
        Assert.Equal(before, await SettingsJsonAsync(Acme));
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        await anita.GetPageAsync("/Tenant/Escalation");
        var before = await SettingsJsonAsync(Acme);

        using var response = await anita.PostFormAsync("/Tenant/Escalation", Form([("only", "1", ["Owner"])], "20:00", "08:00", sundays: true), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await SettingsJsonAsync(Acme));
    }

    [Fact]
    public async Task EachAdmin_SeesAndChangesOnlyTheirOwnTenantsMatrix()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        using var suresh = await PortalWorld.SureshAsync(_host);
        using (var saved = await anita.PostFormAsync("/Tenant/Escalation", Form([("acme-only", "2", ["Owner"])], "22:00", "06:00", sundays: true)))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var acmeBefore = await SettingsJsonAsync(Acme);
        var acmeEntries = (await AuditAsync(Acme)).Count;

        Assert.DoesNotContain("acme-only", await suresh.GetPageAsync("/Tenant/Escalation"), StringComparison.Ordinal);
        using (var bharat = await suresh.PostFormAsync("/Tenant/Escalation", Form([("bharat-only", "4", ["Director"])], "19:00", "09:00", sundays: false)))
        {
            Assert.Equal(HttpStatusCode.Redirect, bharat.StatusCode);
        }

        Assert.Equal(acmeBefore, await SettingsJsonAsync(Acme));
        Assert.Equal(acmeEntries, (await AuditAsync(Acme)).Count);
        Assert.Equal("bharat-only", Assert.Single((await SettingsAsync(DemoWorld.Bharat.TenantId))!.Stages).Stage);
        var bharatEntry = (await AuditAsync(DemoWorld.Bharat.TenantId)).Last();
        Assert.Equal((AuditAction.ReminderSettingsChanged, DemoWorld.Bharat.SureshId), (bharatEntry.Action, bharatEntry.ActorId));
        Assert.DoesNotContain("bharat-only", await anita.GetPageAsync("/Tenant/Escalation"), StringComparison.Ordinal);
    }

    /// <summary>The fields the page's form posts: a row per stage (recipients as repeated checkboxes), quiet hours, Sundays as a checkbox with its hidden "false".</summary>
    private static List<KeyValuePair<string, string>> Form(IReadOnlyList<(string Stage, string Days, string[] To)> rows, string from, string until, bool sundays)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < rows.Count; i++)
        {
            fields.Add(new($"Stages[{i}].Stage", rows[i].Stage));
            fields.Add(new($"Stages[{i}].DaysFromDue", rows[i].Days));
            fields.AddRange(rows[i].To.Select(t => new KeyValuePair<string, string>($"Stages[{i}].To", t)));
        }

        fields.Add(new("QuietFrom", from));
        fields.Add(new("QuietUntil", until));
        if (sundays)
        {
            fields.Add(new("QuietOnSundays", "true"));
        }

        fields.Add(new("QuietOnSundays", "false"));
        return fields;
    }

    private static string? FieldError(string page, string field)
    {
        var m = new Regex($"<span class=\"field-validation-error\" data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>").Match(page);
        return m.Success ? m.Groups[1].Value : null;
    }

    private async Task<ReminderSettings?> SettingsAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.ReminderSettings.AsNoTracking().SingleOrDefaultAsync();
    }

    private async Task<string?> SettingsJsonAsync(Guid tenant) =>
        await SettingsAsync(tenant) is { } s ? $"{s.StagesJson}|{s.QuietFrom}|{s.QuietUntil}|{s.QuietOnSundays}|{s.UpdatedAt}" : null;

    private async Task<List<AuditEntry>> AuditAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    /// <summary>Removes a saved matrix (as the schema owner: the app has no use for deleting one), so the defaults apply.</summary>
    private async Task ClearAsync(Guid tenant)
    {
        await using var owner = await fixture.OpenOwnerAsync();
        await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM reminder_settings WHERE tenant_id = @t", owner);
        delete.Parameters.AddWithValue("t", tenant);
        await delete.ExecuteNonQueryAsync();
    }
}
