using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.People.UpdateUser;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.AdminPortal.Infrastructure;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>The people pages through real Kestrel and PostgreSQL: adding, roles, access, identities, passwords, audit, isolation.</summary>
public sealed class PeoplePageTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalWorld.StartAsync(fixture);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddingAPerson_WithRolesAccessIdentitiesAndChannel_SavesThemAndAuditsIt()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (email, aad, slack) = Identities();
        var form = NewPerson("Kavya Iyer", email)
            .Add("Form.Roles", "Approver")
            .Add("Form.EntityIds", DemoWorld.Acme.LlpEntityId.ToString())
            .Set("Form.AadObjectId", aad.ToUpperInvariant())
            .Set("Form.SlackUserId", slack.ToLowerInvariant())
            .Set("Form.PreferredChannel", "Slack");

        using var response = await anita.PostFormAsync("/Tenant/People/Create", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await PersonAsync(email);
        Assert.Equal($"/Tenant/People/Edit/{person.Id}?saved=created", response.Headers.Location!.OriginalString);
        Assert.Equal("Kavya Iyer", person.Name);
        Assert.Equal([UserRole.Approver, UserRole.Owner], person.Roles.Select(r => r.Role).Order());
        Assert.Equal([DemoWorld.Acme.LlpEntityId], person.EntityAccess.Select(a => a.EntityId));
        Assert.Equal(aad, person.AadObjectId);
        Assert.Equal(slack, person.SlackUserId);
        Assert.Equal(PreferredChannel.Slack, person.PreferredChannel);

        var audit = Assert.Single(await AuditAsync(person.Id));
        Assert.Equal(AuditAction.UserCreated, audit.Action);
        Assert.Equal(DemoWorld.Acme.AnitaId, audit.ActorId);
        Assert.Equal(Channel.Portal, audit.Channel);

        var list = WebUtility.HtmlDecode(await anita.GetPageAsync("/Tenant/People"));
        Assert.Contains("Kavya Iyer", list);
        Assert.Empty(PageHtml.CspViolations(await anita.GetPageAsync($"/Tenant/People/Edit/{person.Id}")));
    }

    [Fact]
    public async Task BadIdentities_AndNoRole_AreShownNextToTheirFields_With400_AndNothingIsSaved()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (email, _, _) = Identities();
        var form = NewPerson("Arjun Nair", email)
            .Remove("Form.Roles")
            .Set("Form.AadObjectId", "not-a-guid")
            .Set("Form.SlackUserId", "arjun")
            .Set("Form.Email", "arjun at acme");
        var auditBefore = await AuditCountAsync(DemoWorld.Acme.TenantId);

        using var response = await anita.PostFormAsync("/Tenant/People/Create", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a Microsoft Entra object id", PageHtml.ErrorNextTo(html, "Form.AadObjectId"));
        Assert.Contains("not a Slack user id", PageHtml.ErrorNextTo(html, "Form.SlackUserId"));
        Assert.Contains("not an email address", PageHtml.ErrorNextTo(html, "Form.Email"));
        Assert.Contains("least one role is required", PageHtml.ErrorFor(html, "Form.Roles"));
        Assert.Equal("not-a-guid", PageHtml.ValueOf(html, "Form.AadObjectId"));
        Assert.Empty(PageHtml.CspViolations(html));

        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Name == "Arjun Nair"));
        Assert.Equal(auditBefore, await AuditCountAsync(DemoWorld.Acme.TenantId));
    }

    [Fact]
    public async Task AnEmailAlreadyInUse_IsAConflict_ShownNextToTheEmail()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);

        using var response = await anita.PostFormAsync("/Tenant/People/Create", NewPerson("Second Priya", "priya.sharma@acme.example"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Already exists", PageHtml.ErrorNextTo(html, "Form.Email"));
    }

    [Fact]
    public async Task ChangingRolesAccessAndIdentities_UpdatesThePerson_AndAuditsTheBeforeAndAfter()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var id = await AddAsync(anita, "Meena Pillai", ["Owner"], [DemoWorld.Acme.IndiaEntityId]);
        var path = $"/Tenant/People/Edit/{id}";
        var page = await anita.GetPageAsync(path);
        var (email, aad, slack) = Identities();
        var form = NewPerson("Meena Pillai-Rao", email)
            .Remove("Form.Roles").Add("Form.Roles", "Approver").Add("Form.Roles", "Viewer")
            .Add("Form.EntityIds", DemoWorld.Acme.LlpEntityId.ToString())
            .Set("Form.AadObjectId", aad)
            .Set("Form.SlackUserId", slack)
            .Set("Form.PreferredChannel", "Email")
            .Set("Form.IsActive", "true")
            .Set("Form.Stamp", PageHtml.ValueOf(page, "Form.Stamp")!);

        using var response = await anita.PostFormAsync(path, form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await PersonAsync(email);
        Assert.Equal(id, person.Id);
        Assert.Equal("Meena Pillai-Rao", person.Name);
        Assert.Equal([UserRole.Approver, UserRole.Viewer], person.Roles.Select(r => r.Role).Order());
        Assert.Equal([DemoWorld.Acme.LlpEntityId], person.EntityAccess.Select(a => a.EntityId));
        Assert.Equal((aad, slack, PreferredChannel.Email), (person.AadObjectId, person.SlackUserId, person.PreferredChannel));

        var updated = Assert.Single(await AuditAsync(id), a => a.Action == AuditAction.UserUpdated);
        using (var before = JsonDocument.Parse(updated.Before!))
        using (var after = JsonDocument.Parse(updated.After!))
        {
            Assert.Equal(["Owner"], before.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["Approver", "Viewer"], after.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal([DemoWorld.Acme.IndiaEntityId], before.RootElement.GetProperty("entityIds").EnumerateArray().Select(e => e.GetGuid()));
            Assert.Equal([DemoWorld.Acme.LlpEntityId], after.RootElement.GetProperty("entityIds").EnumerateArray().Select(e => e.GetGuid()));
        }

        // Saved again unchanged (with the new stamp): nothing is written, so nothing is audited.
        var count = await AuditCountAsync(DemoWorld.Acme.TenantId);
        var fresh = await anita.GetPageAsync(path);
        using var same = await anita.PostFormAsync(path, form.Set("Form.Stamp", PageHtml.ValueOf(fresh, "Form.Stamp")!));
        Assert.Equal(HttpStatusCode.Redirect, same.StatusCode);
        Assert.Equal(count, await AuditCountAsync(DemoWorld.Acme.TenantId));

        // The first form again: it predates the change, so it is refused rather than undoing it unseen.
        using var stale = await anita.PostFormAsync(path, form.Set("Form.Stamp", PageHtml.ValueOf(page, "Form.Stamp")!).Set("Form.Name", "Overwritten"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Meena Pillai-Rao", (await PersonAsync(email)).Name);
    }

    [Fact]
    public async Task TheLastActiveAdmin_CannotBeDemotedOrDeactivated()
    {
        await DemoteEveryAdminButAnitaAsync();
        using var anita = await PortalWorld.AnitaAsync(_host);
        var path = $"/Tenant/People/Edit/{DemoWorld.Acme.AnitaId}";
        var page = await anita.GetPageAsync(path);
        var form = NewPerson("Anita Desai", PortalWorld.AnitaEmail)
            .Set("Form.Stamp", PageHtml.ValueOf(page, "Form.Stamp")!)
            .Set("Form.IsActive", "true");

        using var demoted = await anita.PostFormAsync(path, form);
        var html = await demoted.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, demoted.StatusCode);
        Assert.Contains("only active admin", PageHtml.ErrorFor(html, "Form.Roles"));

        using var deactivated = await anita.PostFormAsync(path, form.Set("Form.Roles", "Admin").Set("Form.IsActive", "false"));
        Assert.Equal(HttpStatusCode.Conflict, deactivated.StatusCode);
        Assert.Contains("only active admin", PageHtml.ErrorNextTo(await deactivated.Content.ReadAsStringAsync(), "Form.IsActive"));

        var anitaNow = await PersonAsync(PortalWorld.AnitaEmail);
        Assert.True(anitaNow.IsActive && anitaNow.HasRole(UserRole.Admin));
        using var stillIn = await anita.GetAsync("/Tenant/People");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task AnAdminGivenAPortalPassword_SignsIn_AndLosingTheAdminRole_EndsTheirSession()
    {
        using var anita = await PortalWorld.AnitaAsync(_host);
        var (email, _, _) = Identities();
        var id = await AddAsync(anita, "Kiran Shah", ["Admin"], [], email);
        var path = $"/Tenant/People/Edit/{id}";

        using (var tooShort = await anita.PostFormAsync($"{path}?handler=Password", [new("NewPassword", "short")], formPage: path))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
            var html = await tooShort.Content.ReadAsStringAsync();
            Assert.Contains("at least 12 characters", PageHtml.ErrorNextTo(html, "NewPassword"));
            Assert.Contains($"<form method=\"post\" action=\"{path}\"", html); // the details form still saves
            Assert.DoesNotContain("short", PageHtml.ValueOf(html, "NewPassword") ?? string.Empty); // never echoed back
        }

        using (var set = await anita.PostFormAsync($"{path}?handler=Password", [new("NewPassword", "kiran-portal-password-1")], formPage: path))
        {
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.Equal($"{path}?saved=password", set.Headers.Location!.OriginalString);
        }

        Assert.Contains(await AuditAsync(id), a => a.Action == AuditAction.PortalPasswordSet && a.ActorId == DemoWorld.Acme.AnitaId);
        using var kiran = await PortalWorld.SignedInAsync(_host, email, "kiran-portal-password-1");
        using (var inside = await kiran.GetAsync("/Tenant/Entities"))
        {
            Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        }

        var page = await anita.GetPageAsync(path);
        var demote = NewPerson("Kiran Shah", email).Set("Form.IsActive", "true").Set("Form.Stamp", PageHtml.ValueOf(page, "Form.Stamp")!);
        using (var demoted = await anita.PostFormAsync(path, demote))
        {
            Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        }

        foreach (var pagePath in new[] { "/Tenant/People", "/Tenant/Entities" })
        {
            using var outside = await kiran.GetAsync(pagePath);
            Assert.Equal(HttpStatusCode.Redirect, outside.StatusCode);
            Assert.Contains("/Account/SignIn", outside.Headers.Location!.OriginalString);
        }

        // Not an admin now, so no portal password either.
        using var refused = await anita.PostFormAsync($"{path}?handler=Password", [new("NewPassword", "kiran-portal-password-2")], formPage: path);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not an admin", PageHtml.ErrorFor(await refused.Content.ReadAsStringAsync(), "NewPassword"));
    }

    [Fact]
    public async Task Suresh_RequestingAcmesPeople_InUrlsAndForms_GetsNotFound_AndNothingChanges()
    {
        using var suresh = await PortalWorld.SureshAsync(_host);
        var acmeAudit = await AuditCountAsync(DemoWorld.Acme.TenantId);
        var bharatAudit = await AuditCountAsync(DemoWorld.Bharat.TenantId);
        var priyaStamp = await StampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.PriyaId);
        var meeraStamp = await StampAsync(DemoWorld.Bharat.TenantId, DemoWorld.Bharat.MeeraId);
        var anitaCredential = await CredentialStampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.AnitaId);

        foreach (var id in new[] { DemoWorld.Acme.AnitaId, DemoWorld.Acme.PriyaId })
        {
            using var get = await suresh.GetAsync($"/Tenant/People/Edit/{id}");
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.DoesNotContain("acme", (await get.Content.ReadAsStringAsync()).ToLowerInvariant());
        }

        var posts = new (string Path, IEnumerable<KeyValuePair<string, string>> Fields)[]
        {
            // Acme's people in URLs, with complete, valid forms.
            ($"/Tenant/People/Edit/{DemoWorld.Acme.PriyaId}", NewPerson("Priya Sharma", "priya.sharma@acme.example").Set("Form.Stamp", priyaStamp).Set("Form.IsActive", "false")),
            ($"/Tenant/People/Edit/{DemoWorld.Acme.AnitaId}?handler=Password", [new("NewPassword", "suresh-owns-anita-now")]),

            // Acme's entity in Suresh's own forms.
            ("/Tenant/People/Create", NewPerson("Borrowed Access", Identities().Email).Add("Form.EntityIds", DemoWorld.Acme.IndiaEntityId.ToString())),
            ($"/Tenant/People/Edit/{DemoWorld.Bharat.MeeraId}", NewPerson("Meera Nair", "meera.nair@bharat.example")
                .Add("Form.EntityIds", DemoWorld.Acme.IndiaEntityId.ToString()).Set("Form.Stamp", meeraStamp).Set("Form.IsActive", "true")),
        };
        foreach (var (target, fields) in posts)
        {
            using var response = await suresh.PostFormAsync(target, fields, formPage: "/Tenant/People/Create");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {target} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("acme", (await response.Content.ReadAsStringAsync()).ToLowerInvariant());
        }

        Assert.Equal(priyaStamp, await StampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.PriyaId));
        Assert.Equal(meeraStamp, await StampAsync(DemoWorld.Bharat.TenantId, DemoWorld.Bharat.MeeraId));
        Assert.Equal(anitaCredential, await CredentialStampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.AnitaId));
        Assert.Equal(acmeAudit, await AuditCountAsync(DemoWorld.Acme.TenantId));
        Assert.Equal(bharatAudit, await AuditCountAsync(DemoWorld.Bharat.TenantId));
        using (await PortalWorld.AnitaAsync(_host))
        {
            // Anita's own password still works: Suresh changed nothing.
        }

        var list = WebUtility.HtmlDecode(await suresh.GetPageAsync("/Tenant/People"));
        Assert.Contains("Meera Nair", list);
        Assert.DoesNotContain("Priya", list);
        Assert.DoesNotContain("Acme", WebUtility.HtmlDecode(await suresh.GetPageAsync("/Tenant/People/Create")));
    }

    [Fact]
    public async Task ThePeoplePages_AreOnlyForTenantAdmins()
    {
        using var anonymous = _host.Client();
        using var op = await PortalWorld.OperatorAsync(_host);
        foreach (var path in new[] { "/Tenant/People", "/Tenant/People/Create", $"/Tenant/People/Edit/{DemoWorld.Acme.PriyaId}" })
        {
            using var signIn = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            Assert.Contains("/Account/SignIn", signIn.Headers.Location!.OriginalString);

            using var denied = await op.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        var stamp = await CredentialStampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.AnitaId);
        using var post = await op.PostFormAsync($"/Tenant/People/Edit/{DemoWorld.Acme.AnitaId}?handler=Password", [new("NewPassword", "operator-sets-anita")], withToken: false);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(stamp, await CredentialStampAsync(DemoWorld.Acme.TenantId, DemoWorld.Acme.AnitaId));
    }

    /// <summary>Leaves Anita Acme's only active admin, whatever other tests of this class did.</summary>
    private async Task DemoteEveryAdminButAnitaAsync()
    {
        List<User> others;
        await using (var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId))
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            others = await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess)
                .Where(u => u.Id != DemoWorld.Acme.AnitaId && u.IsActive && u.Roles.Any(r => r.Role == UserRole.Admin)).ToListAsync();
        }

        var update = fixture.Get<UpdateUserHandler>();
        foreach (var u in others)
        {
            var result = await update.HandleAsync(
                new CommandContext(DemoWorld.Acme.TenantId, Actor.System("tests"), Channel.Cli),
                new UpdateUserCommand(u.Id, UpdateUserHandler.StampOf(u), u.Name, u.Email, ["Owner"], u.AadObjectId, u.SlackUserId, u.PreferredChannel.ToString(), [.. u.EntityAccess.Select(a => a.EntityId)]));
            Assert.True(result.Succeeded, result.ToString());
        }
    }

    private static FormFields NewPerson(string name, string email) => new FormFields()
        .Set("Form.Name", name)
        .Set("Form.Email", email)
        .Add("Form.Roles", "Owner")
        .Set("Form.AadObjectId", string.Empty)
        .Set("Form.SlackUserId", string.Empty)
        .Set("Form.PreferredChannel", "Teams");

    private static (string Email, string Aad, string Slack) Identities()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return ($"person.{suffix}@acme.example", Guid.NewGuid().ToString(), $"U{suffix.ToUpperInvariant()}");
    }

    private static async Task<Guid> AddAsync(PortalClient client, string name, string[] roles, Guid[] entities, string? email = null)
    {
        var form = NewPerson(name, email ?? Identities().Email).Remove("Form.Roles");
        foreach (var role in roles)
        {
            form.Add("Form.Roles", role);
        }

        foreach (var entity in entities)
        {
            form.Add("Form.EntityIds", entity.ToString());
        }

        using var response = await client.PostFormAsync("/Tenant/People/Create", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(Regex.Match(response.Headers.Location!.OriginalString, "Edit/([0-9a-f-]{36})").Groups[1].Value);
    }

    private async Task<User> PersonAsync(string email)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleAsync(u => u.Email == email);
    }

    private async Task<string> StampAsync(Guid tenant, Guid id)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return UpdateUserHandler.StampOf(await db.Users.AsNoTracking().Include(u => u.Roles).Include(u => u.EntityAccess).SingleAsync(u => u.Id == id));
    }

    private async Task<Guid> CredentialStampAsync(Guid tenant, Guid userId)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.PortalCredentials.AsNoTracking().Where(c => c.TenantId == tenant && c.UserId == userId).Select(c => c.Stamp).SingleAsync();
    }

    /// <summary>Acme's audit entries about a person: those targeting them, and their portal credential's.</summary>
    private async Task<List<AuditEntry>> AuditAsync(Guid person)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var id = person.ToString();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        return [.. entries.Where(a => a.TargetId == id || (a.TargetType == "PortalCredential" && (a.After ?? string.Empty).Contains(id, StringComparison.Ordinal)))];
    }

    private async Task<int> AuditCountAsync(Guid tenant)
    {
        await using var db = fixture.Dbs.ForTenant(tenant);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.CountAsync();
    }
}
