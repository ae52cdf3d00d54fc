using System.Text;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// Turns the card model's plain text into Slack text: escapes mrkdwn control characters, bolds, and
/// splits or shortens text to Slack's length limits. Lengths are counted in UTF-16 units, which is
/// never less than what Slack counts, and a surrogate pair is never cut in half.
/// </summary>
internal static class SlackText
{
    /// <summary>Appended where plain text was shortened, and prepended where it continues.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// Escapes the three characters Slack treats as control characters in mrkdwn and message text, so
    /// user text can never form a link, a mention (<c>&lt;@U123&gt;</c>) or a broadcast.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Escaped and, when <paramref name="bold"/>, bold mrkdwn for text that may span lines.</summary>
    public static string Mrkdwn(string text, bool bold) =>
        bold ? string.Join('\n', Lines(text).Select(BoldLine)) : Escape(Normalize(text));

    /// <summary>
    /// Renders <paramref name="text"/> as mrkdwn chunks of at most <paramref name="limit"/> characters,
    /// breaking between lines first, then between words, and inside a word only when the word alone is
    /// too long. Blank chunks are left out (Slack rejects empty text); nothing else is.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int limit, bool bold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 8);
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in Lines(text))
        {
            var rendered = RenderLine(line, bold);
            if (rendered.Length <= limit)
            {
                Append(rendered);
                continue;
            }

            foreach (var piece in SplitLine(line, limit - (bold ? 2 : 0)))
            {
                Append(RenderLine(piece, bold));
            }
        }

        Flush();
        return chunks;

        void Append(string rendered)
        {
            if (current.Length > 0 && current.Length + 1 + rendered.Length > limit)
            {
                Flush();
            }

            if (current.Length > 0)
            {
                current.Append('\n');
            }

            current.Append(rendered);
        }

        void Flush()
        {
            var chunk = current.ToString();
            if (!string.IsNullOrWhiteSpace(chunk))
            {
                chunks.Add(chunk);
            }

            current.Clear();
        }
    }

    /// <summary>
    /// Shortens plain text to at most <paramref name="max"/> characters, ending with an ellipsis at a word
    /// boundary where there is one. For app-defined labels (buttons, titles, placeholders) whose limit is
    /// small; text that already fits is returned unchanged.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (TryCutAtWord(text, max - Ellipsis.Length, out var head, out _))
        {
            return head + Ellipsis;
        }

        return text[..SafeCut(text, max - Ellipsis.Length)] + Ellipsis;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> before the last whitespace that leaves a non-blank head of at most
    /// <paramref name="max"/> characters. False when there is no such whitespace (the first word alone is too long).
    /// </summary>
    public static bool TryCutAtWord(string text, int max, out string head, out string rest)
    {
        for (var i = Math.Min(max, text.Length - 1); i > 0; i--)
        {
            if (char.IsWhiteSpace(text[i]) && !string.IsNullOrWhiteSpace(text[..i]))
            {
                head = text[..i].TrimEnd();
                rest = text[i..].TrimStart();
                return true;
            }
        }

        head = string.Empty;
        rest = text;
        return false;
    }

    /// <summary>Plain text limited to <paramref name="max"/> characters once escaped, for message fallback text.</summary>
    public static string EscapedWithin(string text, int max)
    {
        var chunks = Split(text, max - Ellipsis.Length, bold: false);
        return chunks.Count switch
        {
            0 => string.Empty,
            1 => chunks[0],
            _ => chunks[0] + Ellipsis,
        };
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string[] Lines(string text) => Normalize(text).Split('\n');

    private static string RenderLine(string line, bool bold) => bold ? BoldLine(line) : Escape(line);

    private static string BoldLine(string line)
    {
        // Slack bold neither spans line breaks nor allows whitespace just inside the asterisks.
        var core = line.Trim();
        if (core.Length == 0)
        {
            return line;
        }

        var start = line.IndexOf(core, StringComparison.Ordinal);
        return $"{line[..start]}*{Escape(core)}*{line[(start + core.Length)..]}";
    }

    /// <summary>Pieces of one line, each at most <paramref name="budget"/> characters once escaped.</summary>
    private static List<string> SplitLine(string line, int budget)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        var currentLength = 0;
        foreach (var token in Tokens(line))
        {
            var word = token.TrimEnd();
            var wordLength = EscapedLength(word);
            if (current.Length > 0 && currentLength + wordLength > budget)
            {
                Flush();
            }

            if (wordLength <= budget)
            {
                current.Append(token);
                currentLength += EscapedLength(token);
                continue;
            }

            // One word longer than a whole chunk: the only place text is cut inside a word.
            var rest = token;
            while (EscapedLength(rest.TrimEnd()) > budget)
            {
                var cut = CutEscapedWithin(rest, budget);
                pieces.Add(rest[..cut]);
                rest = rest[cut..];
            }

            current.Append(rest);
            currentLength = EscapedLength(rest);
        }

        Flush();
        return pieces;

        void Flush()
        {
            var piece = current.ToString().TrimEnd();
            if (piece.Length > 0)
            {
                pieces.Add(piece);
            }

            current.Clear();
            currentLength = 0;
        }
    }

    /// <summary>Runs of non-whitespace, each with the whitespace that follows it (leading whitespace is its own token).</summary>
    private static IEnumerable<string> Tokens(string line)
    {
        var start = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            yield return line[start..i];
            start = i;
        }
    }

    private static int EscapedLength(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            length += EscapedLength(c);
        }

        return length;
    }

    private static int EscapedLength(char c) => c switch
    {
        '&' => 5,
        '<' or '>' => 4,
        _ => 1,
    };

    /// <summary>The longest prefix length whose escaped form fits <paramref name="budget"/>, never splitting a surrogate pair.</summary>
    private static int CutEscapedWithin(string text, int budget)
    {
        var length = 0;
        var i = 0;
        while (i < text.Length && length + EscapedLength(text[i]) <= budget)
        {
            length += EscapedLength(text[i]);
            i++;
        }

        return Math.Max(1, SafeCut(text, i));
    }

    private static int SafeCut(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) && char.IsHighSurrogate(text[index - 1])
            ? index - 1
            : index;
}
