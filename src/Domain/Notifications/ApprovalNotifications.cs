using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Notifications;

/// <summary>
/// Outbox rows for the approval flow, added to the caller's unit of work so they commit with the change: the
/// request to the approver when work is submitted, the decision to the submitter. The unique key
/// (instance, stage, recipient, cycle) keeps each one to a single send.
/// </summary>
public static class ApprovalNotifications
{
    public const string RequestStage = "approval-request";
    public const string DecisionStage = "approval-decision";

    public static string Cycle(int cycle) => $"approval:{cycle}";

    public static bool IsApprovalStage(string stage) => stage is RequestStage or DecisionStage;

    public static async Task AddAsync(ComplianceDb db, ComplianceInstance instance, string stage, Guid? recipientId, int cycle, Instant now, CancellationToken ct)
    {
        if (recipientId is not { } recipient)
        {
            return;
        }

        var preferred = await db.Users.Where(u => u.Id == recipient).Select(u => u.PreferredChannel).SingleAsync(ct);
        db.Notifications.Add(new Notification
        {
            Id = Guid.CreateVersion7(),
            TenantId = instance.TenantId,
            InstanceId = instance.Id,
            Stage = stage,
            RecipientUserId = recipient,
            Cycle = Cycle(cycle),
            Channel = Notification.ChannelFor(preferred),
            CreatedAt = now,
        });
    }
}
