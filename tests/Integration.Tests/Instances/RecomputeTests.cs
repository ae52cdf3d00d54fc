using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Integration.Tests.Infrastructure;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Instances;

// ComplianceOs.Rag (the assistant) is a namespace too; here Rag is the traffic-light status.
using Rag = ComplianceOs.Domain.Instances.Rag;

/// <summary>Overdue, Blocked and RAG for a pinned today, computed set-based by the database.</summary>
[Collection(DatabaseCollection.Name)]
public class RecomputeTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task Flags_ForAPinnedToday()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, new LocalDate(2025, 11, 22));

        await Expect(w, "GSTR1", "2025-10", overdue: true, blocked: false, Rag.Red, reason: null);
        await Expect(w, "GSTR3B", "2025-10", overdue: true, blocked: true, Rag.Red, reason: "Waiting for GSTR1 2025-10");
        await Expect(w, "TDS_PAY", "2025-11", overdue: false, blocked: false, Rag.Green, reason: null);
        await Expect(w, "GSTR3B", "2025-11", overdue: false, blocked: true, Rag.Amber, reason: "Waiting for GSTR1 2025-11");
        await Expect(w, "PT_MH_PTRC", "2025-10", overdue: false, blocked: false, Rag.Green, reason: null);
        await Expect(w, "MGT7", "FY2024-25", overdue: false, blocked: true, Rag.Amber, reason: "Waiting for AGM FY2024-25");
    }

    [Fact]
    public async Task Rag_TurnsAmberWithinSevenDays_AndRedWhenBlockedWithinThree()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, new LocalDate(2025, 11, 22));
        var recompute = fixture.Get<RecomputeTenantHandler>();

        await recompute.HandleAsync(w.Tenant.TenantId, new LocalDate(2025, 11, 23));
        await Expect(w, "PT_MH_PTRC", "2025-10", overdue: false, blocked: false, Rag.Amber, reason: null);

        await recompute.HandleAsync(w.Tenant.TenantId, new LocalDate(2025, 12, 18));
        await Expect(w, "GSTR3B", "2025-11", overdue: false, blocked: true, Rag.Red, reason: "Waiting for GSTR1 2025-11");
        await Expect(w, "PT_MH_PTRC", "2025-10", overdue: true, blocked: false, Rag.Red, reason: null);

        // Moving today back clears what no longer holds.
        await recompute.HandleAsync(w.Tenant.TenantId, new LocalDate(2025, 10, 1));
        await Expect(w, "GSTR1", "2025-10", overdue: false, blocked: false, Rag.Green, reason: null);
    }

    [Fact]
    public async Task Recompute_IsSetBased_WritesOnlyChanges_AndNeverTouchesTheVersion()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, new LocalDate(2025, 11, 22));
        var recompute = fixture.Get<RecomputeTenantHandler>();

        var changed = await recompute.HandleAsync(w.Tenant.TenantId, new LocalDate(2026, 2, 1));
        var again = await recompute.HandleAsync(w.Tenant.TenantId, new LocalDate(2026, 2, 1));

        Assert.True(changed > 10, $"{changed} changed");
        Assert.Equal(0, again);
        Assert.Equal(1, (await w.InstanceAsync(fixture, "GSTR1", "2025-10")).Version);
    }

    [Fact]
    public async Task FilingTheDependency_UnblocksItsDependant_AtOnce()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, new LocalDate(2025, 11, 22));
        var gstr1 = await w.InstanceAsync(fixture, "GSTR1", "2025-11");

        await fixture.Get<StartWorkHandler>().HandleAsync(w.As(w.OwnerId), new StartWorkCommand(gstr1.Id, 1));
        await fixture.Get<SubmitForApprovalHandler>().HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(gstr1.Id, 2));
        await fixture.Get<DecideHandler>().HandleAsync(w.As(w.ApproverId), new ApproveCommand(gstr1.Id, 3));
        var filed = await fixture.Get<FileReturnHandler>().HandleAsync(w.As(w.OwnerId), new FileReturnCommand(gstr1.Id, 4, "AA271125123456Z"));
        Assert.True(filed.Succeeded, filed.ToString());

        // Recomputed for the instance and its siblings within the filing's own transaction, for the tenant's real today.
        var gstr3b = await w.InstanceAsync(fixture, "GSTR3B", "2025-11");
        Assert.False(gstr3b.IsBlocked);
        Assert.Null(gstr3b.BlockedReason);
        await Expect(w, "GSTR1", "2025-11", overdue: false, blocked: false, Rag.None, reason: null);
    }

    [Fact]
    public async Task ManualBlock_KeepsItsReason_AndWinsOverADependency()
    {
        var w = await WorkflowWorld.CreateAsync(fixture, new LocalDate(2025, 11, 22));
        var gstr3b = await w.InstanceAsync(fixture, "GSTR3B", "2025-11");

        var blocked = await fixture.Get<BlockWorkHandler>().HandleAsync(w.As(w.OwnerId), new BlockCommand(gstr3b.Id, 1, "ITC mismatch with GSTR-2B"));
        Assert.True(blocked.Succeeded, blocked.ToString());
        await fixture.Get<RecomputeTenantHandler>().HandleAsync(w.Tenant.TenantId, new LocalDate(2025, 11, 22));

        await Expect(w, "GSTR3B", "2025-11", overdue: false, blocked: true, Rag.Amber, reason: "ITC mismatch with GSTR-2B");
    }

    private async Task Expect(WorkflowWorld w, string code, string period, bool overdue, bool blocked, Rag rag, string? reason)
    {
        var i = await w.InstanceAsync(fixture, code, period);
        Assert.Equal((overdue, blocked, rag, reason), (i.IsOverdue, i.IsBlocked, i.Rag, i.BlockedReason));
    }
}
