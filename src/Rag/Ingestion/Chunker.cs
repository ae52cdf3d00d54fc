using System.Text;
using System.Text.RegularExpressions;

namespace ComplianceOs.Rag.Ingestion;

/// <summary>
/// Cuts a document into chunks along its own structure: a Markdown heading starts a new section (its path goes with
/// every chunk under it), paragraphs are kept whole where they fit, and a chunk ends near <see cref="TargetChars"/>
/// at a paragraph, else a sentence, else a word boundary — never inside a word. Each chunk after the first in a
/// section repeats the end of the previous one (about <see cref="OverlapChars"/>, from a sentence start) so a fact
/// split across the boundary is still found whole in one of them.
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
        var chunks = new List<TextChunk>();
        var headings = new List<(int Level, string Title)>();
        var current = new StringBuilder();
        int? currentPage = null;

        void Flush(bool keepOverlap)
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
            {
                chunks.Add(new TextChunk(chunks.Count, headings.Count == 0 ? null : string.Join(" › ", headings.Select(h => h.Title)), currentPage, text));
            }

            current.Clear();
            if (keepOverlap && text.Length > OverlapChars)
            {
                current.Append(Tail(text)).Append("\n\n");
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

                foreach (var piece in Fit(paragraph))
                {
                    if (current.Length > 0 && current.Length + piece.Length > TargetChars)
                    {
                        Flush(keepOverlap: true);
                        currentPage = pageNumbers ? p + 1 : null;
                    }

                    current.Append(piece).Append("\n\n");
                }
            }
        }

        Flush(keepOverlap: false);
        return chunks;
    }

    /// <summary>A paragraph longer than a chunk, cut at sentence ends, else at spaces: never inside a word.</summary>
    private static IEnumerable<string> Fit(string paragraph)
    {
        var rest = paragraph;
        while (rest.Length > TargetChars)
        {
            var cut = LastBoundary(rest, TargetChars);
            yield return rest[..cut].Trim();
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static int LastBoundary(string text, int limit)
    {
        var window = text[..limit];
        var sentence = SentenceEnd().Matches(window).LastOrDefault();
        if (sentence is not null && sentence.Index + sentence.Length > limit / 2)
        {
            return sentence.Index + sentence.Length;
        }

        var space = window.LastIndexOf(' ');
        return space > 0 ? space + 1 : limit;
    }

    /// <summary>The end of a chunk to repeat at the start of the next: from a sentence start, about OverlapChars long.</summary>
    private static string Tail(string text)
    {
        var from = text.Length - OverlapChars;
        var sentence = SentenceEnd().Match(text, from);
        if (sentence.Success && sentence.Index + sentence.Length < text.Length)
        {
            return text[(sentence.Index + sentence.Length)..].Trim();
        }

        var space = text.IndexOf(' ', from);
        return space > 0 ? text[(space + 1)..] : text[from..];
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex Paragraphs();

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[.!?;:](\s+)")]
    private static partial Regex SentenceEnd();
}
