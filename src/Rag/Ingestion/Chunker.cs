using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Ingestion;

/// <summary>
/// Cuts a document into chunks along its own structure: a Markdown heading starts a new section (its path goes with
/// every chunk under it), paragraphs are kept whole where they fit, and a chunk ends near <see cref="TargetChars"/>
/// at a paragraph, else a sentence, else a clause or word boundary — never inside a word. Each chunk after the first
/// in a section repeats the previous one's last whole sentences (about <see cref="OverlapChars"/>) so a fact split
/// across the boundary is still found whole in one of them, and a chunk never starts inside a sentence it did not cut.
/// </summary>
public static partial class Chunker
{
    public const int TargetChars = 900;
    public const int OverlapChars = 150;

    /// <summary>Chunks Markdown or plain text.</summary>
    public static IReadOnlyList<TextChunk> Chunk(string text) => ChunkPages([text], pageNumbers: false);

    /// <summary>Chunks a PDF's pages (text per page, in order); each chunk lies on one page and records it.</summary>
    public static IReadOnlyList<TextChunk> ChunkPdf(IReadOnlyList<string> pages) => ChunkPages(pages, pageNumbers: true);

    private static List<TextChunk> ChunkPages(IReadOnlyList<string> pages, bool pageNumbers)
    {
        var chunks = new List<(TextChunk Chunk, int Repeated)>();
        var headings = new List<(int Level, string Title)>();
        var current = new StringBuilder();
        var repeated = 0;
        var endsWhole = true;
        int? currentPage = null;

        void Flush(bool keepOverlap)
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
            {
                chunks.Add((new TextChunk(chunks.Count, headings.Count == 0 ? null : string.Join(" › ", headings.Select(h => h.Title)), currentPage, text), repeated));
            }

            current.Clear();
            repeated = 0;
            if (keepOverlap && text.Length > OverlapChars && Tail(text, endsWhole) is { Length: > 0 } tail)
            {
                current.Append(tail).Append("\n\n");
                repeated = tail.Length;
            }
        }

        for (var p = 0; p < pages.Count; p++)
        {
            if (pageNumbers)
            {
                // A chunk never spans pages, so its citation's page is where all of its text is.
                Flush(keepOverlap: false);
            }

            foreach (var block in Paragraphs().Split(pages[p].Replace("\r\n", "\n", StringComparison.Ordinal)))
            {
                var paragraph = block.Trim();
                if (paragraph.Length == 0)
                {
                    continue;
                }

                if (Heading().Match(paragraph) is { Success: true } h && !paragraph.Contains('\n', StringComparison.Ordinal))
                {
                    Flush(keepOverlap: false);
                    var level = h.Groups[1].Length;
                    headings.RemoveAll(x => x.Level >= level);
                    headings.Add((level, h.Groups[2].Value.Trim()));
                    continue;
                }

                if (current.Length == 0 || current.ToString().Trim().Length == 0)
                {
                    currentPage = pageNumbers ? p + 1 : null;
                }

                foreach (var (piece, whole) in Fit(paragraph))
                {
                    if (current.Length > 0 && current.Length + piece.Length > TargetChars)
                    {
                        Flush(keepOverlap: true);
                        currentPage = pageNumbers ? p + 1 : null;
                    }

                    current.Append(piece).Append("\n\n");
                    endsWhole = whole;
                }
            }
        }

        Flush(keepOverlap: false);
        return MergeShortTails(chunks);
    }

    /// <summary>
    /// A chunk that is the previous one's repeated end plus a few words of its own goes back into the previous chunk:
    /// on its own it would be a near-copy that outranks the passage it came from (short texts rank high) and quotes
    /// the section from its middle.
    /// </summary>
    private static List<TextChunk> MergeShortTails(List<(TextChunk Chunk, int Repeated)> chunks)
    {
        var merged = new List<TextChunk>();
        foreach (var (chunk, repeated) in chunks)
        {
            var own = chunk.Text[repeated..].Trim();
            if (repeated > 0 && own.Length < OverlapChars && merged.Count > 0)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + "\n\n" + own };
                continue;
            }

            merged.Add(chunk with { Ordinal = merged.Count });
        }

        return merged;
    }

    /// <summary>
    /// A paragraph longer than a chunk, cut at sentence ends, else at clause ends or spaces: never inside a word.
    /// Each piece says whether it ends a sentence.
    /// </summary>
    private static IEnumerable<(string Text, bool Whole)> Fit(string paragraph)
    {
        var rest = paragraph;
        while (rest.Length > TargetChars)
        {
            var (cut, whole) = LastBoundary(rest, TargetChars);
            yield return (rest[..cut].Trim(), whole);
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            yield return (rest, true);
        }
    }

    private static (int Cut, bool Whole) LastBoundary(string text, int limit)
    {
        var window = text[..limit];
        if (Answering.SentenceSplitter.Boundary().Matches(window).LastOrDefault() is { } sentence && sentence.Index > limit / 2)
        {
            return (sentence.Index + sentence.Length, true);
        }

        if (ClauseEnd().Matches(window).LastOrDefault() is { } clause && clause.Index > limit / 2)
        {
            return (clause.Index + clause.Length, false);
        }

        var space = window.LastIndexOf(' ');
        return (space > 0 ? space + 1 : limit, false);
    }

    /// <summary>
    /// The end of a chunk to repeat at the start of the next: its last whole sentences (abbreviations such as
    /// "Rs." and "s. 92" do not end one), about <see cref="OverlapChars"/> and at most twice that; none when the last
    /// sentence alone is longer. A chunk cut inside an overlong sentence repeats its last words instead.
    /// </summary>
    private static string Tail(string text, bool endsWhole)
    {
        if (!endsWhole)
        {
            var space = text.IndexOf(' ', text.Length - OverlapChars);
            return space > 0 ? text[(space + 1)..] : text[^OverlapChars..];
        }

        var tail = string.Empty;
        foreach (var start in Answering.SentenceSplitter.Boundary().Matches(text).Select(m => m.Index + m.Length).Reverse())
        {
            var candidate = text[start..].Trim();
            if (candidate.Length > 2 * OverlapChars)
            {
                break;
            }

            tail = candidate;
            if (candidate.Length >= OverlapChars)
            {
                break;
            }
        }

        return tail;
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[;:]\s+")]
    private static partial Regex ClauseEnd();
}
