using System.Text;
using ComplianceOs.Domain.Audit;
using NodaTime.Text;

namespace ComplianceOs.AdminPortal.Audit;

/// <summary>
/// The trail as CSV (RFC 4180: a header, comma-separated, CRLF line ends, fields quoted when they hold a comma, quote
/// or line break, quotes doubled). Every stored column is exported as stored, so an auditor can recompute each hash
/// (<see cref="AuditCanonicalForm"/>) from the file; the one change is that a cell a spreadsheet would run as a
/// formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe, which must be removed
/// again before recomputing.
/// </summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header =
    [
        "Sequence", "Occurred at (UTC)", "Actor kind", "Actor id", "Actor", "Channel", "Action", "Target type", "Target id",
        "Correlation id", "Before", "After", "Previous hash", "Hash",
    ];

    private static readonly InstantPattern OccurredAt = InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.ffffff'Z'");

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        await writer.WriteAsync(Line(Header));
        await foreach (var a in entries.WithCancellation(ct))
        {
            await writer.WriteAsync(Line(Cells(a)));
        }
    }

    public static IReadOnlyList<string?> Cells(AuditEntry a) =>
    [
        a.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        OccurredAt.Format(a.OccurredAt),
        a.ActorKind.ToString(),
        a.ActorId?.ToString(),
        a.ActorName,
        a.Channel.ToString(),
        a.Action.ToString(),
        a.TargetType,
        a.TargetId,
        a.CorrelationId,
        a.Before,
        a.After,
        a.PreviousHash,
        a.Hash,
    ];

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>One field, neutralised against formula injection, then quoted if it needs to be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>UTF-8 with a byte-order mark, so spreadsheet programs read names in any script correctly.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
}
