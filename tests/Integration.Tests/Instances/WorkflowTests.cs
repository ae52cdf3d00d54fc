using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Integration.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Integration.Tests.Instances;

/// <summary>Every workflow command's allowed and refused transitions, on the real database.</summary>
[Collection(DatabaseCollection.Name)]
public class WorkflowTests(DatabaseFixture fixture)
{
    private const string Code = "TDS_PAY";
    private const string Period = "2025-12";

    private StartWorkHandler Start => fixture.Get<StartWorkHandler>();

    private SubmitForApprovalHandler Submit => fixture.Get<SubmitForApprovalHandler>();

    private DecideHandler Decide => fixture.Get<DecideHandler>();

    private FileReturnHandler File => fixture.Get<FileReturnHandler>();

    [Fact]
    public async Task HappyPath_StartSubmitApproveFile_EndsFiled_WithApprovalTasksAndAudit()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        Assert.Equal((InstanceStatus.NotStarted, 1, w.OwnerId, w.ApproverId), (i.Status, i.Version, i.OwnerUserId, i.ApproverUserId));

        var started = Ok(await Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)));
        Assert.Equal((InstanceStatus.InProgress, 2), (started.Status, started.Version));
        var submitted = Ok(await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 2, "Challan drafted from the payroll register")));
        Assert.Equal((InstanceStatus.AwaitingApproval, 3), (submitted.Status, submitted.Version));
        var approved = Ok(await Decide.HandleAsync(w.As(w.ApproverId), new ApproveCommand(i.Id, 3)));
        Assert.Equal(InstanceStatus.Approved, approved.Status);
        var filed = Ok(await File.HandleAsync(w.As(w.OwnerId), new FileReturnCommand(i.Id, 4, "0510308 07012026 12345")));
        Assert.Equal(InstanceStatus.Filed, filed.Status);
        Assert.Equal("05103080701202612345", filed.FilingReference);
        Assert.NotNull(filed.FiledAt);
        Assert.Equal(5, filed.Version);

        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var approval = await db.Approvals.SingleAsync(a => a.InstanceId == i.Id);
        Assert.Equal((1, w.OwnerId, w.ApproverId, (ApprovalDecision?)ApprovalDecision.Approved), (approval.Cycle, approval.RequestedByUserId, approval.DecidedByUserId!.Value, approval.Decision));
        Assert.All(await db.WorkflowTasks.Where(t => t.InstanceId == i.Id).ToListAsync(), t => Assert.Equal(WorkflowTaskStatus.Done, t.Status));
        Assert.Contains("Working papers", (await db.Comments.SingleAsync(c => c.InstanceId == i.Id)).Text);
        var actions = await db.AuditEntries.Where(e => e.TargetId == i.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.InstanceStarted, AuditAction.SubmittedForApproval, AuditAction.Approved, AuditAction.Filed], actions);
        var recompute = await db.ComplianceInstances.SingleAsync(x => x.Id == i.Id);
        Assert.Equal((Domain.Instances.Rag.None, false), (recompute.Rag, recompute.IsOverdue));
    }

    [Fact]
    public async Task MakerChecker_TheSubmitterCannotApprove_EvenWhenTheyAreAnApprover()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);

        // The approver prepares and submits it; deciding must then fall to someone else.
        Ok(await Start.HandleAsync(w.As(w.Tenant.AdminId), new StartWorkCommand(i.Id, 1)));
        Ok(await Submit.HandleAsync(w.As(w.Tenant.AdminId), new SubmitForApprovalCommand(i.Id, 2)));

        var own = await Decide.HandleAsync(w.As(w.Tenant.AdminId), new ApproveCommand(i.Id, 3));
        Assert.Contains("maker-checker", Assert.IsType<ForbiddenError>(Assert.Single(own.Errors)).Message);
        Ok(await Decide.HandleAsync(w.As(w.ApproverId), new ApproveCommand(i.Id, 3)));
    }

    [Fact]
    public async Task StaleVersion_IsRefused_AndNothingChanges()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        Ok(await Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)));

        // A card rendered at version 1 is clicked after the instance moved on.
        var stale = await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 1));

        Assert.IsType<StaleError>(Assert.Single(stale.Errors));
        var now = await w.InstanceAsync(fixture, Code, Period);
        Assert.Equal((InstanceStatus.InProgress, 2), (now.Status, now.Version));
    }

    [Fact]
    public async Task ConcurrentCommandsOnOneVersion_OnlyOneWins()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.True(r.Errors[0] is StaleError or ConflictError, r.ToString()));
        Assert.Equal(2, (await w.InstanceAsync(fixture, Code, Period)).Version);
    }

    [Fact]
    public async Task Reject_NeedsAComment_ReturnsToInProgress_AndResubmissionOpensCycleTwo()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        Ok(await Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)));
        Ok(await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 2)));

        var noReason = await Decide.HandleAsync(w.As(w.ApproverId), new RejectCommand(i.Id, 3, "  "));
        Assert.Equal("comment", Assert.IsType<ValidationError>(Assert.Single(noReason.Errors)).Field);

        var rejected = Ok(await Decide.HandleAsync(w.As(w.ApproverId), new RejectCommand(i.Id, 3, "Section 194J deductions missing")));
        Assert.Equal(InstanceStatus.InProgress, rejected.Status);
        Ok(await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 4)));
        Ok(await Decide.HandleAsync(w.As(w.SecondApproverId), new ApproveCommand(i.Id, 5)));

        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var cycles = await db.Approvals.Where(a => a.InstanceId == i.Id).OrderBy(a => a.Cycle).ToListAsync();
        Assert.Equal([1, 2], cycles.Select(c => c.Cycle));
        Assert.Equal((ApprovalDecision?)ApprovalDecision.Rejected, cycles[0].Decision);
        Assert.Equal("Section 194J deductions missing", cycles[0].Comment);
        Assert.Equal(w.SecondApproverId, cycles[1].DecidedByUserId);
    }

    [Fact]
    public async Task File_OnlyAfterApproval_AndWithAValidReference()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        Ok(await Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)));

        var early = await File.HandleAsync(w.As(w.OwnerId), new FileReturnCommand(i.Id, 2, "CIN0001234567"));
        Assert.Contains("must be approved", Assert.IsType<ConflictError>(Assert.Single(early.Errors)).Message);

        Ok(await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 2)));
        Ok(await Decide.HandleAsync(w.As(w.ApproverId), new ApproveCommand(i.Id, 3)));
        var badReference = await File.HandleAsync(w.As(w.OwnerId), new FileReturnCommand(i.Id, 4, "x"));
        Assert.Equal("filingReference", Assert.IsType<ValidationError>(Assert.Single(badReference.Errors)).Field);
        var byApprover = await File.HandleAsync(w.As(w.ApproverId), new FileReturnCommand(i.Id, 4, "CIN0001234567"));
        Assert.IsType<ForbiddenError>(Assert.Single(byApprover.Errors));
        Ok(await File.HandleAsync(w.As(w.OwnerId), new FileReturnCommand(i.Id, 4, "cin0001234567")));
        var again = await File.HandleAsync(w.As(w.OwnerId), new FileReturnCommand(i.Id, 5, "CIN0001234567"));
        Assert.IsType<ConflictError>(Assert.Single(again.Errors));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("outsider")]
    [InlineData("approver")]
    public async Task Start_ByAnyoneButTheOwnerOrAnAdmin_IsRefused(string who)
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        var actor = who switch { "viewer" => w.ViewerId, "outsider" => w.OutsiderId, _ => w.ApproverId };

        var result = await Start.HandleAsync(w.As(actor), new StartWorkCommand(i.Id, 1));

        var error = Assert.IsType<ForbiddenError>(Assert.Single(result.Errors));
        if (who == "outsider")
        {
            Assert.Equal("You do not have access to this entity.", error.Message);
        }

        Assert.Equal(1, (await w.InstanceAsync(fixture, Code, Period)).Version);
    }

    [Fact]
    public async Task AnotherTenantsInstance_IsNotFound()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var other = await WorkflowWorld.CreateAsync(fixture, generate: false);
        var i = await w.InstanceAsync(fixture, Code, Period);

        var result = await Start.HandleAsync(other.As(other.Tenant.AdminId), new StartWorkCommand(i.Id, 1));

        Assert.IsType<NotFoundError>(Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Block_NeedsAReason_StopsSubmission_AndUnblockLiftsIt()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        var block = fixture.Get<BlockWorkHandler>();
        Ok(await Start.HandleAsync(w.As(w.OwnerId), new StartWorkCommand(i.Id, 1)));

        Assert.Equal("reason", Assert.IsType<ValidationError>(Assert.Single((await block.HandleAsync(w.As(w.OwnerId), new BlockCommand(i.Id, 2, ""))).Errors)).Field);
        Assert.IsType<ForbiddenError>(Assert.Single((await block.HandleAsync(w.As(w.ViewerId), new BlockCommand(i.Id, 2, "no"))).Errors));
        var blocked = Ok(await block.HandleAsync(w.As(w.OwnerId), new BlockCommand(i.Id, 2, "Payroll not closed")));
        Assert.Equal((true, "Payroll not closed"), (blocked.IsBlocked, blocked.BlockedReason));

        var submit = await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 3));
        Assert.Contains("Payroll not closed", Assert.IsType<ConflictError>(Assert.Single(submit.Errors)).Message);

        var unblocked = Ok(await block.HandleAsync(w.As(w.ApproverId), new UnblockCommand(i.Id, 3)));
        Assert.False(unblocked.IsBlocked);
        Assert.Null(unblocked.BlockedReason);
        var twice = await block.HandleAsync(w.As(w.OwnerId), new UnblockCommand(i.Id, 4));
        Assert.IsType<ConflictError>(Assert.Single(twice.Errors));
        Ok(await Submit.HandleAsync(w.As(w.OwnerId), new SubmitForApprovalCommand(i.Id, 4)));
    }

    [Fact]
    public async Task Comment_ByOwnerIsKept_ByViewerIsRefused_AndTheVersionStays()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        var comment = fixture.Get<AddCommentHandler>();

        var ok = Ok(await comment.HandleAsync(w.As(w.OwnerId), new AddCommentCommand(i.Id, "Waiting for the payroll register")));
        Assert.Equal(1, ok.Version);
        Assert.IsType<ForbiddenError>(Assert.Single((await comment.HandleAsync(w.As(w.ViewerId), new AddCommentCommand(i.Id, "hi"))).Errors));
        Assert.Equal("text", Assert.IsType<ValidationError>(Assert.Single((await comment.HandleAsync(w.As(w.OwnerId), new AddCommentCommand(i.Id, " "))).Errors)).Field);

        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        var kept = await db.Comments.SingleAsync(c => c.InstanceId == i.Id);
        Assert.Equal((w.OwnerId, Channel.Teams), (kept.AuthorUserId, kept.Channel));
    }

    [Fact]
    public async Task Reassign_ChecksRoleAccessAndTwoPeople()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);
        var reassign = fixture.Get<ReassignHandler>();

        Assert.IsType<ForbiddenError>(Assert.Single((await reassign.HandleAsync(w.As(w.OwnerId), new ReassignCommand(i.Id, 1, AssignmentRole.Approver, w.SecondApproverId))).Errors));
        var noAccess = await reassign.HandleAsync(w.As(w.ApproverId), new ReassignCommand(i.Id, 1, AssignmentRole.Owner, w.OutsiderId));
        Assert.Contains("no access", Assert.IsType<ValidationError>(Assert.Single(noAccess.Errors)).Message);
        var wrongRole = await reassign.HandleAsync(w.As(w.ApproverId), new ReassignCommand(i.Id, 1, AssignmentRole.Owner, w.ViewerId));
        Assert.Contains("is not an Owner", Assert.IsType<ValidationError>(Assert.Single(wrongRole.Errors)).Message);
        var samePerson = await reassign.HandleAsync(w.As(w.ApproverId), new ReassignCommand(i.Id, 1, AssignmentRole.Approver, w.OwnerId));
        Assert.Equal("newUserId", Assert.IsType<ValidationError>(Assert.Single(samePerson.Errors)).Field);

        var moved = Ok(await reassign.HandleAsync(w.As(w.ApproverId), new ReassignCommand(i.Id, 1, AssignmentRole.Approver, w.SecondApproverId)));
        Assert.Equal((w.SecondApproverId, 2), (moved.ApproverUserId!.Value, moved.Version));
        await using var db = fixture.Dbs.ForTenant(w.Tenant.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync();
        Assert.Equal(w.SecondApproverId, (await db.WorkflowTasks.SingleAsync(t => t.InstanceId == i.Id && t.Name == "Review")).AssigneeUserId);
    }

    [Fact]
    public async Task SystemActor_CannotTakeWorkflowActions()
    {
        var w = await WorkflowWorld.CreateAsync(fixture);
        var i = await w.InstanceAsync(fixture, Code, Period);

        var result = await Start.HandleAsync(w.Tenant.AsSystem(), new StartWorkCommand(i.Id, 1));

        Assert.IsType<ForbiddenError>(Assert.Single(result.Errors));
    }

    private static ComplianceInstance Ok(CommandResult<ComplianceInstance> result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result.Value!;
    }
}
