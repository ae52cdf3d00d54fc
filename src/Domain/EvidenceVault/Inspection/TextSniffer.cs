using System.Buffers;
using System.Text.Unicode;

namespace ComplianceOs.Domain.EvidenceVault.Inspection;

internal enum TextKind
{
    Text,
    WebContent,
    NotText,
}

/// <summary>What the text check found; <see cref="Problem"/> says why, for <see cref="TextKind.NotText"/>.</summary>
internal readonly record struct TextSniff(TextKind Kind, string? Problem);

/// <summary>
/// Decides whether a file is clean UTF-8 text (a BOM allowed): valid UTF-8 throughout, no NUL, no control
/// characters but tab, CR, LF and form feed. Reads in fixed chunks, so a large file is never held at once. Only
/// UTF-8 is accepted: UTF-16 and legacy code pages are refused with a hint to re-save.
/// </summary>
internal static class TextSniffer
{
    private const int ChunkBytes = 64 * 1024;

    // Enough of the start to see "<?xml …?>" and a comment before an <svg> or <html> root.
    private const int LeadingChars = 1024;

    private static readonly string[] WebStarts = ["<!doctype html", "<html", "<head", "<body", "<script", "<svg", "<iframe"];

    public static TextSniff Sniff(Stream content)
    {
        content.Position = 0;

        // A UTF-8 sequence is at most 4 bytes, so at most 3 are carried over between chunks.
        var bytes = new byte[ChunkBytes + 3];
        var chars = new char[ChunkBytes + 3];
        var carried = 0;
        var offset = 0L;
        var line = 1L;
        var first = true;
        var leading = new System.Text.StringBuilder(LeadingChars);
        while (true)
        {
            var read = content.Read(bytes, carried, ChunkBytes);
            var isFinal = read == 0;
            var chunk = bytes.AsSpan(0, carried + read);
            var start = 0;
            if (first)
            {
                first = false;
                if (chunk.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || chunk.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                {
                    return NotText(Refusals.Utf16Text);
                }

                if (chunk.StartsWith("\uFEFF"u8))
                {
                    start = 3;
                }
            }

            var status = Utf8.ToUtf16(
                chunk[start..], chars, out var consumed, out var written, replaceInvalidSequences: false, isFinalBlock: isFinal);
            if (status == OperationStatus.InvalidData)
            {
                return NotText(Refusals.InvalidUtf8(offset + start + consumed));
            }

            foreach (var c in chars.AsSpan(0, written))
            {
                if (c == '\n')
                {
                    line++;
                }
                else if (c == '\0')
                {
                    return NotText(Refusals.NulByte(line));
                }
                else if (char.IsControl(c) && c is not ('\t' or '\r' or '\f'))
                {
                    return NotText(Refusals.ControlCharacter(c, line));
                }
            }

            if (leading.Length < LeadingChars)
            {
                leading.Append(chars, 0, Math.Min(written, LeadingChars - leading.Length));
            }

            if (isFinal)
            {
                break;
            }

            // Keep the bytes of a sequence split across chunks for the next round.
            var used = start + consumed;
            chunk[used..].CopyTo(bytes);
            carried = chunk.Length - used;
            offset += used;
        }

        return IsWebContent(leading.ToString()) ? new TextSniff(TextKind.WebContent, null) : new TextSniff(TextKind.Text, null);
    }

    /// <summary>HTML and SVG run scripts when a browser renders them; a text upload that starts like one is refused.</summary>
    private static bool IsWebContent(string leading)
    {
        var start = leading.TrimStart().ToLowerInvariant();
        if (WebStarts.Any(start.StartsWith))
        {
            return true;
        }

        return start.StartsWith("<?xml", StringComparison.Ordinal) && (start.Contains("<svg") || start.Contains("<html"));
    }

    private static TextSniff NotText(string problem) => new(TextKind.NotText, problem);
}
