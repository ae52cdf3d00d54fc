using System.Text;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ComplianceOs.Rag.Answering;

/// <summary>
/// Answers a question from the knowledge base: hybrid retrieval, a re-rank that prefers the section the question is
/// about (penalties, who it applies to, evidence, legal basis), a relevance gate, then the answer — quoted from the
/// best passages, or written by the configured chat model from those passages only and sent only when every date,
/// amount, rate and form number in it is found in them (<see cref="SupportCheck"/>).
/// </summary>
public sealed partial class PassageAnswerer(HybridRetriever retriever, ILogger<PassageAnswerer> log, IChatClient? chat = null)
{
    public const int MaxCitations = 3;
    private const int MaxQuoteChars = 700;

    private static readonly (string Section, string[] Words)[] Aspects =
    [
        ("Penalties and late fees", ["fee", "fees", "penalty", "penalties", "interest", "late", "fine", "fines", "charge", "charges", "delay", "delayed", "damages", "234e", "14b", "7q", "271h", "additional", "miss", "missed", "default", "happens", "consequence", "consequences", "skip", "skipped", "penality", "panelty"]),
        ("Evidence", ["evidence", "proof", "proofs", "document", "documents", "keep", "checklist", "attach", "records", "record", "acknowledgement", "check", "checks", "verify", "review", "reviewer", "approver", "approve", "ready", "prepare", "preparation", "prep", "before"]),
        ("Who it applies to", ["applicable", "applicability", "apply", "applies", "who", "mandatory", "compulsory", "required", "eligible", "eligibility", "threshold", "opt", "exempt", "must", "audited"]),
        ("Legal basis and sources", ["section", "sections", "act", "law", "legal", "basis", "notification", "provision", "rule", "under"]),
        ("Rule and due date", ["form", "which", "when", "due", "frequency", "how", "often", "return", "file", "days", "time", "limit", "after", "within", "deadline", "amt", "amount", "much", "slab", "deduct", "pay"]),
    ];

    public async Task<PassageOutcome> AnswerAsync(Guid tenantId, string question, IReadOnlyList<string> preferredSources, CancellationToken ct)
    {
        var found = await retriever.RetrieveAsync(tenantId, question, take: 10, ct, preferredSources);
        var questionTokens = ComplianceTokenizer.Tokenize(question).ToHashSet(StringComparer.Ordinal);
        var ranked = found
            .Select(p => (Passage: p, Score: p.Score + (AspectOf(p, questionTokens) * 0.03) + (preferredSources.Contains(p.SourceKey) ? 0.02 : 0)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Passage.ChunkId).Select(x => x.Passage).ToList();
        var significant = QuestionWords.Significant(question);
        var relevant = ranked.Where(p => IsRelevant(p, significant, preferredSources)).ToList();
        if (relevant.Count == 0)
        {
            return new PassageOutcome(null, Decline.For(DeclineReason.NoSupport));
        }

        // One citation per document section (and per text: masters of one family share sentences), best first. The
        // section's other retrieved chunks join its best one in document order: a rule cut across two chunks is
        // quoted from both (their repeated sentences once).
        var cited = relevant.GroupBy(p => (p.DocumentId, p.Section)).Select(g => g.Skip(1).Any() ? g.First() with { Text = Joined(g) } : g.First())
            .GroupBy(p => p.Text).Select(g => g.First()).Take(MaxCitations).ToList();
        var citations = cited.Select((p, i) => new Citation(i + 1, p.SourceKey, p.Title, p.Section, p.Page, p.SourceUrl)).ToList();

        // Words that only named the obligation ("3b", "24q") are found in its title, not in its sentences.
        var titles = ComplianceTokenizer.Tokenize(string.Join(" ", cited.Where(p => preferredSources.Contains(p.SourceKey)).Select(p => p.Title)))
            .ToHashSet(StringComparer.Ordinal);
        var subject = significant.Where(w => !QuestionWords.Mentions(titles, w)).ToList();
        var quoted = Quote(cited, subject, questionTokens);
        if (chat is not null)
        {
            var written = await WriteAsync(question, cited, ct);
            if (written is not null)
            {
                var unsupported = SupportCheck.Unsupported(written, cited.Select(p => p.Text));
                if (unsupported.Count == 0)
                {
                    return new PassageOutcome(new PassageAnswer(written, citations, Generated: true), null);
                }

                // Logged by count and kind only: the claims may quote tenant documents.
                log.LogWarning("Chat answer withheld: {Count} claim(s) not found in the cited passages", unsupported.Count);
            }
        }

        return new PassageOutcome(new PassageAnswer(quoted, citations, Generated: false), null);
    }

    private static string Joined(IEnumerable<RetrievedPassage> section) =>
        string.Join(" ", section.OrderBy(p => p.Ordinal).SelectMany(p => Sentences(p.Text)).Distinct(StringComparer.Ordinal));

    /// <summary>How well a passage's section fits what the question asks for (0 or 1).</summary>
    private static int AspectOf(RetrievedPassage p, HashSet<string> questionTokens) =>
        Asked(questionTokens) is { } aspect && p.Section?.EndsWith(aspect.Section, StringComparison.Ordinal) == true ? 1 : 0;

    /// <summary>The section the question is most about: the one whose words it uses most (earlier ones win ties).</summary>
    private static (string Section, string[] Words)? Asked(HashSet<string> questionTokens)
    {
        var best = Aspects.Select((a, i) => (Aspect: a, Count: a.Words.Count(questionTokens.Contains), Order: i))
            .Where(x => x.Count > 0).OrderByDescending(x => x.Count).ThenBy(x => x.Order).FirstOrDefault();
        return best.Count > 0 ? best.Aspect : null;
    }

    /// <summary>
    /// Relevant when it belongs to an obligation the question names, or shares at least half of the question's
    /// subject words (and at least one).
    /// </summary>
    private static bool IsRelevant(RetrievedPassage p, IReadOnlyList<string> significant, IReadOnlyList<string> preferred)
    {
        if (preferred.Contains(p.SourceKey))
        {
            return true;
        }

        if (significant.Count == 0)
        {
            return false;
        }

        var tokens = ComplianceTokenizer.Tokenize($"{p.Title} {p.Section} {p.Text}").ToHashSet(StringComparer.Ordinal);
        var hits = significant.Count(w => QuestionWords.Mentions(tokens, w));
        return hits >= 1 && hits * 2 >= significant.Count;
    }

    /// <summary>The sentences of the best passages that answer the question, each marked with its citation number.</summary>
    private static string Quote(IReadOnlyList<RetrievedPassage> cited, IReadOnlyList<string> significant, HashSet<string> questionTokens)
    {
        // Only the aspect words the question itself uses: "Frequency: Monthly" is no answer to "how much".
        var aspectWords = (Asked(questionTokens)?.Words ?? []).Where(questionTokens.Contains).ToArray();
        var months = QuestionWords.Months(questionTokens);
        var text = new StringBuilder();
        var whole = string.Join(" ", Sentences(cited[0].Text));
        var wholeTokens = ComplianceTokenizer.Tokenize(whole).ToHashSet(StringComparer.Ordinal);
        if (whole.Length <= MaxQuoteChars && significant.Count(w => QuestionWords.Mentions(wholeTokens, w)) * 2 >= significant.Count)
        {
            // A short section is the answer as its source words it: quoted whole, nothing cut from its context.
            text.Append(whole).Append(" [1]");
            if (cited.Count > 1 && cited[1].SourceKey != cited[0].SourceKey && cited[1].Section?.Split(" › ").LastOrDefault() == cited[0].Section?.Split(" › ").LastOrDefault())
            {
                var second = string.Join(" ", Sentences(cited[1].Text));
                if (second.Length <= MaxQuoteChars && Score(second, significant, aspectWords, months) > 0)
                {
                    text.Append(' ').Append(second).Append(" [2]");
                }
            }

            return text.ToString();
        }

        // The best sentences of all cited passages, by what they share with the question; shown in source order.
        var scored = cited.SelectMany((p, n) => Sentences(p.Text).Select((t, i) => (Passage: n, Index: i, Text: t, Score: Score(t, significant, aspectWords, months)))).ToList();
        var best = scored.Max(x => x.Score);
        // The best passage's opening sentence states its rule; it leads, and the best-matching sentences follow.
        var picked = new List<(int Passage, int Index, string Text, int Score)>();
        var length = 0;
        if (scored.FirstOrDefault(x => x.Passage == 0) is { Text: not null } opening && opening.Text.Length <= MaxQuoteChars)
        {
            picked.Add(opening);
            length = opening.Text.Length;
        }

        foreach (var x in best > 0
            ? scored.Where(x => x.Score >= Math.Max(1, best - 1)).OrderByDescending(x => x.Score).ThenBy(x => x.Passage).ThenBy(x => x.Index)
            : scored.Where(x => x.Passage == 0).Take(2))
        {
            if (picked.Count > 0 && length + x.Text.Length > MaxQuoteChars)
            {
                break;
            }

            if (picked.All(p => p.Text != x.Text))
            {
                picked.Add(x);
                length += x.Text.Length;
            }
        }

        foreach (var x in picked.OrderBy(x => x.Passage).ThenBy(x => x.Index))
        {
            text.Append(text.Length == 0 ? string.Empty : " ").Append(x.Text.TrimEnd()).Append($" [{x.Passage + 1}]");
        }

        return text.ToString();
    }

    private static int Score(string sentence, IReadOnlyList<string> significant, string[] aspectWords, IReadOnlySet<string> months)
    {
        var tokens = ComplianceTokenizer.Tokenize(sentence).ToHashSet(StringComparer.Ordinal);
        var score = significant.Count(w => QuestionWords.Mentions(tokens, w)) * 2 + aspectWords.Count(tokens.Contains);

        // A month the question names ("in feb") is a weak hint: it finds the passage elsewhere, but picks the sentence.
        if (months.Count > 0 && QuestionWords.Months(tokens).Overlaps(months))
        {
            score++;
        }

        // "Which form?" is answered by the sentence that names one; "time limit after the AGM?" by one with a duration;
        if (aspectWords.Contains("form") && SupportCheck.Claims(sentence).Any(c => c.Normal.StartsWith("form:", StringComparison.Ordinal)))
        {
            score += 2;
        }

        if (aspectWords.Any(w => w is "time" or "limit" or "days" or "within" or "after" or "long") && Duration().IsMatch(sentence))
        {
            score += 2;
        }

        // "How much to deduct?" by one with an amount or a rate; a slab table of them most of all.
        if (aspectWords.Any(w => w is "much" or "amount" or "amt" or "deduct" or "slab"))
        {
            var amounts = SupportCheck.Claims(sentence).Count(c => c.Normal.StartsWith("amount:", StringComparison.Ordinal) || c.Normal.StartsWith("rate:", StringComparison.Ordinal));
            score += amounts switch { 0 => 0, < 3 => 2, _ => 3 };
        }

        return score;
    }

    private static IReadOnlyList<string> Sentences(string text) => SentenceSplitter.Split(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\d+\s+(days|months|years)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Duration();

    private async Task<string?> WriteAsync(string question, IReadOnlyList<RetrievedPassage> passages, CancellationToken ct)
    {
        var context = new StringBuilder();
        for (var i = 0; i < passages.Count; i++)
        {
            context.Append('[').Append(i + 1).Append("] ").Append(passages[i].Title).Append(" — ").Append(passages[i].Section).AppendLine()
                .AppendLine(passages[i].Text).AppendLine();
        }

        try
        {
            var response = await chat!.GetResponseAsync(
                [
                    new ChatMessage(ChatRole.System,
                        "You answer questions about Indian statutory compliance for a finance team. Use ONLY the numbered passages. " +
                        "Quote or closely paraphrase them and cite them as [n]. Never state a date, amount, rate or form number that is not in the passages. " +
                        "If the passages do not answer the question, say so in one sentence. Answer in at most four sentences."),
                    new ChatMessage(ChatRole.User, $"Passages:\n{context}\nQuestion: {question}"),
                ],
                new ChatOptions { Temperature = 0 },
                ct);
            var text = response.Text?.Trim();
            return string.IsNullOrEmpty(text) ? null : text;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.ClientModel.ClientResultException)
        {
            // The model is an optional writer: when it fails, the quoted answer goes out instead.
            log.LogWarning("Chat model unavailable ({Error}); answering with quoted passages", ex.GetType().Name);
            return null;
        }
    }

}
