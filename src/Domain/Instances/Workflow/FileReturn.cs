using System.Text.RegularExpressions;
using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;

namespace ComplianceOs.Domain.Instances.Workflow;

/// <param name="FilingReference">The ARN, SRN or challan CIN the portal gave.</param>
public sealed record FileReturnCommand(Guid InstanceId, int ExpectedVersion, string FilingReference);

/// <summary>Approved → Filed with its filing reference. The owner or an admin; only after approval, never while blocked.</summary>
public sealed partial class FileReturnHandler(WorkflowRunner runner)
{
    public Task<CommandResult<ComplianceInstance>> HandleAsync(CommandContext ctx, FileReturnCommand cmd, CancellationToken ct = default) =>
        runner.RunAsync(ctx, cmd.InstanceId, cmd.ExpectedVersion, AuditAction.Filed, async (s, token) =>
        {
            // People paste challan CINs as "BSR date serial": spaces are not part of the reference.
            var reference = string.Concat((cmd.FilingReference ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
            if (!Reference().IsMatch(reference))
            {
                return new ValidationError("filingReference", $"'{cmd.FilingReference}' is not a filing reference: 6–50 letters and digits (an ARN, SRN or challan CIN; '-' and '/' allowed)");
            }

            if (!s.IsOwnerOrAdmin)
            {
                return s.Refuse($"Only the owner of {s.Describe} or an admin can record its filing.");
            }

            if (s.Instance.Status != InstanceStatus.Approved)
            {
                return s.Instance.Status is InstanceStatus.InProgress or InstanceStatus.NotStarted or InstanceStatus.AwaitingApproval
                    ? new ConflictError("status", $"{s.Describe} is {s.Instance.Status}; it must be approved before it is filed")
                    : s.WrongStatus("filed");
            }

            if (s.Instance.IsBlocked)
            {
                return new ConflictError("blocked", $"{s.Describe} is blocked ({s.Instance.BlockedReason}); unblock it first");
            }

            await s.CompleteTaskAsync("File", token);
            await s.CompleteTaskAsync("Pay", token);
            s.Instance.Status = InstanceStatus.Filed;
            s.Instance.FilingReference = reference;
            s.Instance.FiledAt = s.Now;
            return null;
        }, ct);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9/-]{4,48}[A-Z0-9]$")]
    private static partial Regex Reference();
}
