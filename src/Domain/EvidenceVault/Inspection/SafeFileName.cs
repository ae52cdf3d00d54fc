using System.Globalization;
using System.Text;

namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>
/// Turns whatever name an upload arrived with into one that is safe to store, show and put in a download header,
/// and reads a name's extension the same way, so the extension that was inspected is the one that is stored.
/// </summary>
public static class SafeFileName
{
    public const int MaxLength = 100;

    private const int MaxExtensionLength = 10;

    private const string Fallback = "file";

    // Device names Windows reserves whatever the extension ("con.pdf" cannot be created there).
    private static readonly HashSet<string> ReservedStems = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// A storage-safe version of <paramref name="name"/>: only the last path part (after any <c>/</c> or <c>\</c>),
    /// accents folded ("Ā" → "A"), control characters removed, anything outside <c>A-Z a-z 0-9 . _ - ( )</c> and
    /// space replaced by <c>_</c>, runs of spaces made one <c>-</c>, dots and spaces trimmed from the ends, at most
    /// <see cref="MaxLength"/> characters with the extension kept and lower-cased. Never empty: "file" when nothing
    /// is left.
    /// </summary>
    public static string From(string? name)
    {
        var segment = Clean(name);
        var extension = ExtensionOf(segment);
        var stem = Sanitise(segment[..^extension.Length]);
        if (stem.Length == 0)
        {
            stem = Fallback;
        }

        if (ReservedStems.Contains(stem))
        {
            stem = "_" + stem;
        }

        if (stem.Length + extension.Length > MaxLength)
        {
            stem = stem[..(MaxLength - extension.Length)].TrimEnd('.', '-', ' ');
        }

        return stem + extension;
    }

    /// <summary>
    /// The lower-case extension of <paramref name="name"/> with its dot (".pdf"), or "" when it has none. Read like
    /// <see cref="From"/>: last path part, control characters dropped, trailing dots and spaces ignored (Windows
    /// ignores them too, so "x.exe." is an .exe). An extension is 1 to 10 letters or digits after a dot that is not
    /// the name's first character (".bashrc" has none).
    /// </summary>
    public static string Extension(string name) => ExtensionOf(Clean(name));

    private static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var lastSeparator = name.LastIndexOfAny(['/', '\\']);
        var segment = lastSeparator >= 0 ? name[(lastSeparator + 1)..] : name;
        var builder = new StringBuilder(segment.Length);
        foreach (var c in segment)
        {
            if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim().Trim('.', ' ').Trim();
    }

    private static string ExtensionOf(string segment)
    {
        var dot = segment.LastIndexOf('.');
        if (dot <= 0 || segment.Length - dot - 1 is < 1 or > MaxExtensionLength)
        {
            return string.Empty;
        }

        for (var i = dot + 1; i < segment.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(segment[i]))
            {
                return string.Empty;
            }
        }

        return segment[dot..].ToLowerInvariant();
    }

    private static string Sanitise(string stem)
    {
        // Fold accents first so "Ānanyā" keeps its letters instead of turning into underscores.
        var decomposed = stem.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append('-');
                pendingSpace = false;
            }

            builder.Append(IsAllowed(c) ? c : '_');
        }

        // Trailing spaces were pending and are dropped; leading ones became a '-' that the trim removes.
        return builder.ToString().Trim('.', '-');
    }

    private static bool IsAllowed(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '(' or ')';
}
