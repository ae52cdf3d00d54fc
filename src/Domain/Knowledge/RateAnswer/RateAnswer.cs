using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.Domain.Knowledge.RateAnswer;

/// <summary>A "was this helpful?" click on an assistant answer.</summary>
public sealed record RateAnswerCommand(Guid AnswerId, Guid UserId, string Question, string AnswerKind, IReadOnlyList<string> Sources, bool Helpful);

/// <summary>
/// Records a rating with one upsert on (tenant, answer, person): a retried click changes nothing and writes no audit
/// entry; a changed mind updates the row and is audited like any other change.
/// </summary>
public sealed class RateAnswerHandler(ComplianceDbFactory dbs, AuditLog audit, TimeProvider clock)
{
    private static readonly HashSet<string> Kinds = ["DueDate", "MyWork", "Passages", "Clarify", "Decline"];

    public async Task<CommandResult<bool>> HandleAsync(CommandContext ctx, RateAnswerCommand cmd, CancellationToken ct = default)
    {
        var v = new Validation();
        if (cmd.AnswerId == Guid.Empty)
        {
            v.Add("answerId", "is required");
        }

        if (string.IsNullOrWhiteSpace(cmd.Question))
        {
            v.Add("question", "is required");
        }

        if (!Kinds.Contains(cmd.AnswerKind))
        {
            v.Add("answerKind", $"must be one of {string.Join(", ", Kinds)}");
        }

        if (cmd.Sources.Count > 10 || cmd.Sources.Any(s => s.Length is 0 or > 400))
        {
            v.Add("sources", "at most 10 source keys of 1–400 characters");
        }

        if (v.HasErrors)
        {
            return CommandResult<bool>.Failure(v.Errors);
        }

        var question = cmd.Question.Trim();
        question = question.Length > AssistantFeedback.MaxQuestionLength ? question[..AssistantFeedback.MaxQuestionLength] : question;
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        await using var db = dbs.ForTenant(ctx.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == cmd.UserId && u.IsActive, ct))
        {
            return new ForbiddenError("Only an active person of this tenant can rate an answer.");
        }

        // The unique key decides; the row comes back only when it was created or its rating changed.
        var changed = await db.Database.SqlQuery<bool>($"""
            INSERT INTO assistant_feedback (id, tenant_id, answer_id, user_id, question, answer_kind, sources, helpful, rated_at)
            VALUES ({Guid.NewGuid()}, {ctx.TenantId}, {cmd.AnswerId}, {cmd.UserId}, {question}, {cmd.AnswerKind}, {cmd.Sources.ToList()}, {cmd.Helpful}, {now})
            ON CONFLICT (tenant_id, answer_id, user_id) DO UPDATE SET helpful = excluded.helpful, rated_at = excluded.rated_at
              WHERE assistant_feedback.helpful IS DISTINCT FROM excluded.helpful
            RETURNING true AS "Value"
            """).ToListAsync(ct);
        if (changed.Count == 0)
        {
            return false;
        }

        await audit.AppendAsync(db, ctx, new AuditRecord(
            AuditAction.AssistantAnswerRated, "AssistantAnswer", cmd.AnswerId.ToString(), null,
            new { cmd.Helpful, cmd.AnswerKind, cmd.Sources, Question = question }), ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
