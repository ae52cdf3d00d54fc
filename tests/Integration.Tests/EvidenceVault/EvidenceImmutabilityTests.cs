using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.EvidenceVault.Remove;
using ComplianceOs.Domain.EvidenceVault.Review;
using ComplianceOs.Domain.EvidenceVault.Storage;
using ComplianceOs.Domain.EvidenceVault.Upload;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace ComplianceOs.Integration.Tests.EvidenceVault;

/// <summary>
/// Approved proof cannot be changed or removed — through the domain, through SQL as the application role, or
/// through the store — and the review decides the proof: working papers with the work, the filing's
/// acknowledgement by the approver afterwards (never by its uploader).
/// </summary>
public sealed class EvidenceImmutabilityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private readonly string _vault = Path.Combine(Path.GetTempPath(), $"vault-{Guid.NewGuid():N}");
    private WebApplicationFactory<Program> _host = null!;

    private static CommandContext Priya => new(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.PriyaId, "Priya"), Channel.Teams);

    private static CommandContext Rahul => new(DemoWorld.Acme.TenantId, Actor.User(DemoWorld.Acme.RahulId, "Rahul"), Channel.Teams);

    public async Task InitializeAsync()
    {
        await fixture.Get<DemoSeed>().RunAsync(new LocalDate(2026, 11, 22));
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:ComplianceDb", fixture.AppConnectionString)
            .UseSetting("Bot:AllowAnonymous", "true")
            .UseSetting("Notifications:DispatchIntervalSeconds", "0")
            .UseSetting("Jobs:ServerEnabled", "false")
            .UseSetting("Evidence:LocalPath", _vault)
            .ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new Teams.Auth.ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 6, 30, 0, TimeSpan.Zero)))));
        _ = _host.Server;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_vault))
        {
            foreach (var f in Directory.EnumerateFiles(_vault, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(f, FileAttributes.Normal);
            }

            Directory.Delete(_vault, recursive: true);
        }
    }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    [Fact]
    public async Task ApprovingTheWork_FreezesItsProof_ThenNeitherTheDomainNorSqlNorTheStoreCanChangeIt()
    {
        var i = await InstanceAsync("ESI", "2026-11");
        var upload = await Get<UploadEvidenceHandler>().HandleAsync(Priya, new UploadEvidenceCommand(i.Id, "esic-challan", "esic.pdf", new MemoryStream(SampleFiles.Pdf("esic nov"))));
        var evidence = Assert.IsType<EvidenceReceipt>(upload.Value).Evidence;

        await Get<StartWorkHandler>().HandleAsync(Priya, new StartWorkCommand(i.Id, i.Version));
        Assert.True((await Get<SubmitForApprovalHandler>().HandleAsync(Priya, new SubmitForApprovalCommand(i.Id, i.Version + 1))).Succeeded);
        Assert.True((await Get<DecideHandler>().HandleAsync(Rahul, new ApproveCommand(i.Id, i.Version + 2))).Succeeded);

        var approved = await EvidenceAsync(evidence.Id);
        Assert.Equal((EvidenceApprovalStatus.Approved, true, DemoWorld.Acme.RahulId), (approved.ApprovalStatus, approved.IsImmutable, approved.DecidedByUserId));
        Assert.Contains(AuditAction.EvidenceApproved, await AuditAsync(evidence.Id));

        // The domain refuses.
        var removed = await Get<RemoveEvidenceHandler>().HandleAsync(Priya, new RemoveEvidenceCommand(evidence.Id));
        Assert.Contains("approved proof", Assert.IsType<ConflictError>(Assert.Single(removed.Errors)).Message);
        var late = await Get<UploadEvidenceHandler>().HandleAsync(Priya, new UploadEvidenceCommand(i.Id, "esic-challan", "esic-2.pdf", new MemoryStream(SampleFiles.Pdf("esic nov again"))));
        Assert.Contains("working proof is closed", Assert.Single(late.Errors).Message);

        // SQL as the application role refuses, whatever is attempted.
        await using var sql = new NpgsqlConnection(fixture.AppConnectionString);
        await sql.OpenAsync();
        await using (var scope = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{DemoWorld.Acme.TenantId}', false)", sql))
        {
            await scope.ExecuteNonQueryAsync();
        }

        foreach (var statement in new[]
        {
            $"UPDATE evidence SET sha256 = repeat('0', 64) WHERE id = '{evidence.Id}'",
            $"UPDATE evidence SET approval_status = 'Rejected', is_immutable = false, decision_comment = 'x' WHERE id = '{evidence.Id}'",
            $"DELETE FROM evidence WHERE id = '{evidence.Id}'",
        })
        {
            await using var command = new NpgsqlCommand(statement, sql);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        // The store refuses to put anything else at its key; the bytes are unchanged.
        var store = Get<IEvidenceStore>();
        var staged = await store.StageAsync(approved.StorageKey, new MemoryStream(SampleFiles.Pdf("forged")), 1_000_000, CancellationToken.None);
        try
        {
            await Assert.ThrowsAsync<BlobAlreadyExistsException>(() => store.CommitAsync(staged.Staged!, CancellationToken.None));
        }
        finally
        {
            await store.AbandonAsync(staged.Staged!, CancellationToken.None);
        }

        await using var stored = (await store.OpenReadAsync(approved.StorageKey, CancellationToken.None))!;
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(SampleFiles.Pdf("esic nov"), copy.ToArray());
        Assert.Equal(EvidenceApprovalStatus.Approved, (await EvidenceAsync(evidence.Id)).ApprovalStatus);
    }

    [Fact]
    public async Task TheFilingAcknowledgement_AddedAfterApproval_IsVerifiedByTheApprover_NotByItsUploader_AndARejectionNeedsAReason()
    {
        var i = await InstanceAsync("GSTR1", "2026-11");
        await Get<StartWorkHandler>().HandleAsync(Priya, new StartWorkCommand(i.Id, i.Version));
        await Get<SubmitForApprovalHandler>().HandleAsync(Priya, new SubmitForApprovalCommand(i.Id, i.Version + 1));
        await Get<DecideHandler>().HandleAsync(Rahul, new ApproveCommand(i.Id, i.Version + 2));

        var ack = (await Get<UploadEvidenceHandler>().HandleAsync(Priya, new UploadEvidenceCommand(i.Id, "arn-acknowledgement", "arn.pdf", new MemoryStream(SampleFiles.Pdf("arn AA2711260001234"))))).Value!.Evidence;
        Assert.Equal(EvidenceApprovalStatus.Pending, ack.ApprovalStatus);

        var verify = Get<VerifyEvidenceHandler>();
        Assert.Contains("Only an approver", Assert.IsType<ForbiddenError>(Assert.Single((await verify.HandleAsync(Priya, new VerifyEvidenceCommand(ack.Id, true))).Errors)).Message);
        var rahuls = (await Get<UploadEvidenceHandler>().HandleAsync(Rahul, new UploadEvidenceCommand(i.Id, "arn-acknowledgement", "arn-portal.pdf", new MemoryStream(SampleFiles.Pdf("arn from the portal"))))).Value!.Evidence;
        Assert.Contains("maker-checker", Assert.Single((await verify.HandleAsync(Rahul, new VerifyEvidenceCommand(rahuls.Id, true))).Errors).Message);
        Assert.IsType<ValidationError>(Assert.Single((await verify.HandleAsync(Rahul, new VerifyEvidenceCommand(ack.Id, false))).Errors));
        Assert.True((await verify.HandleAsync(Rahul, new VerifyEvidenceCommand(ack.Id, true))).Succeeded);

        var verified = await EvidenceAsync(ack.Id);
        Assert.Equal((EvidenceApprovalStatus.Approved, true), (verified.ApprovalStatus, verified.IsImmutable));
        Assert.IsType<ConflictError>(Assert.Single((await verify.HandleAsync(Rahul, new VerifyEvidenceCommand(ack.Id, false, "changed my mind"))).Errors));
    }

    [Fact]
    public async Task RejectingTheWork_RejectsItsPendingProofWithTheComment_WhichCanThenBeReplaced()
    {
        var i = await InstanceAsync("ADV_TAX", "FY2026-27-I3");
        var first = (await Get<UploadEvidenceHandler>().HandleAsync(Priya, new UploadEvidenceCommand(i.Id, "challan", "adv.pdf", new MemoryStream(SampleFiles.Pdf("adv tax"))))).Value!.Evidence;
        await Get<StartWorkHandler>().HandleAsync(Priya, new StartWorkCommand(i.Id, i.Version));
        await Get<SubmitForApprovalHandler>().HandleAsync(Priya, new SubmitForApprovalCommand(i.Id, i.Version + 1));
        Assert.True((await Get<DecideHandler>().HandleAsync(Rahul, new RejectCommand(i.Id, i.Version + 2, "wrong BSR code on the challan"))).Succeeded);

        var rejected = await EvidenceAsync(first.Id);
        Assert.Equal((EvidenceApprovalStatus.Rejected, false, "wrong BSR code on the challan"), (rejected.ApprovalStatus, rejected.IsImmutable, rejected.DecisionComment));
        var replaced = await Get<UploadEvidenceHandler>().HandleAsync(Priya, new UploadEvidenceCommand(i.Id, "challan", "adv-fixed.pdf", new MemoryStream(SampleFiles.Pdf("adv tax fixed"))));
        Assert.Equal((2, first.Id), (replaced.Value!.Evidence.Version, replaced.Value.Evidence.ParentEvidenceId));
    }

    private async Task<ComplianceInstance> InstanceAsync(string code, string period)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var master = await db.ComplianceMasters.Where(m => m.Code == code).Select(m => m.Id).SingleAsync();
        return await db.ComplianceInstances.AsNoTracking().SingleAsync(i => i.EntityId == DemoWorld.Acme.IndiaEntityId && i.MasterId == master && i.PeriodKey == period);
    }

    private async Task<Evidence> EvidenceAsync(Guid id)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.Evidence.AsNoTracking().SingleAsync(e => e.Id == id);
    }

    private async Task<List<AuditAction>> AuditAsync(Guid evidenceId)
    {
        await using var db = fixture.Dbs.ForTenant(DemoWorld.Acme.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        return await db.AuditEntries.AsNoTracking().Where(a => a.TargetId == evidenceId.ToString()).Select(a => a.Action).ToListAsync();
    }
}
