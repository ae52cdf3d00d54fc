using ComplianceOs.Domain.Common;
using NodaTime;

namespace ComplianceOs.Domain.Knowledge;

/// <summary>
/// A person's "was this helpful?" on one assistant answer, kept for tuning: the question as asked, what kind of
/// answer it got and which sources it cited. One row per (answer, person); a second click changes the rating.
/// </summary>
public sealed class AssistantFeedback : ITenantOwned
{
    public const int MaxQuestionLength = 500;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The id the answer card carried; answers themselves are not stored.</summary>
    public Guid AnswerId { get; set; }

    public Guid UserId { get; set; }

    public required string Question { get; set; }

    /// <summary>DueDate, MyWork, Passages, Clarify or Decline.</summary>
    public required string AnswerKind { get; set; }

    /// <summary>Source keys of the cited documents (<c>master:GSTR3B</c>, <c>note:qrmp-scheme</c>), in citation order.</summary>
    public List<string> Sources { get; set; } = [];

    public bool Helpful { get; set; }

    public Instant RatedAt { get; set; }
}
