using System.Text;
using ComplianceOs.Rag.Ingestion;

namespace ComplianceOs.Rag.Tests.Ingestion;

public class ChunkerTests
{
    private static string Sentences(string topic, int count) =>
        string.Join(' ', Enumerable.Range(1, count).Select(i => $"Fact {i} about {topic} is stated here in a sentence of ordinary length for a circular."));

    [Fact]
    public void Headings_BecomeTheSectionPath_OfTheTextBelowThem()
    {
        var chunks = Chunker.Chunk("""
            Intro before any heading.

            # GSTR-3B

            Monthly summary return.

            ## Late fee

            Rs 50 per day, Rs 20 for nil returns.

            # GSTR-1

            Outward supplies.
            """);
        Assert.Equal(
            [(null, "Intro before any heading."), ("GSTR-3B", "Monthly summary return."), ("GSTR-3B › Late fee", "Rs 50 per day, Rs 20 for nil returns."), ("GSTR-1", "Outward supplies.")],
            chunks.Select(c => (c.Section, c.Text)).ToArray());
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void ALongSection_IsCutAtSentences_NeverInsideAWord_AndLosesNothing()
    {
        var text = "# Rules\n\n" + Sentences("TDS", 40) + "\n\n" + Sentences("TCS", 25);
        var chunks = Chunker.Chunk(text);
        Assert.True(chunks.Count >= 5);
        var words = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        foreach (var chunk in chunks)
        {
            Assert.True(chunk.Text.Length <= Chunker.TargetChars + Chunker.OverlapChars + 200, $"chunk {chunk.Ordinal} is {chunk.Text.Length} characters");
            Assert.All(chunk.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), w => Assert.Contains(w, words));
            Assert.Equal("Rules", chunk.Section);
        }

        // Every sentence of the source is whole in at least one chunk.
        foreach (var sentence in (Sentences("TDS", 40) + " " + Sentences("TCS", 25)).Split(". ").Select(s => s.TrimEnd('.')))
        {
            Assert.Contains(chunks, c => c.Text.Contains(sentence, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void NeighbouringChunks_InASection_Overlap()
    {
        var chunks = Chunker.Chunk(Sentences("EPF", 30));
        Assert.True(chunks.Count >= 3);
        for (var i = 1; i < chunks.Count; i++)
        {
            var previous = chunks[i - 1].Text;
            var firstSentence = chunks[i].Text.Split('.')[0];
            Assert.Contains(firstSentence, previous, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PdfPages_AreRecorded_WhereEachChunkStarts()
    {
        var chunks = Chunker.ChunkPdf([Sentences("ROC", 3), Sentences("AGM", 3), string.Empty, "# Annex\n\nForm MGT-7A for small companies."]);
        Assert.Equal(1, chunks[0].Page);
        Assert.Contains(chunks, c => c.Page == 4 && c.Section == "Annex" && c.Text.Contains("MGT-7A", StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.InRange(c.Page!.Value, 1, 4));
    }

    [Fact]
    public void AChunk_NeverStartsInsideASentence_NotAtASemicolon_NorAfterAnAbbreviation()
    {
        // Clauses with semicolons and abbreviations ("Rs.", "s. 92", "No.") that a naive splitter would take for sentence ends.
        var sentences = Enumerable.Range(1, 24).Select(i =>
            $"Rule {i} applies under s. 92 of the Act (Rs. {i}00 per month; Rs {i},500 a year) as Notification No. {i}/2025 says.").ToList();
        var chunks = Chunker.Chunk("# Rates\n\n" + string.Join(' ', sentences));
        Assert.True(chunks.Count >= 2);
        Assert.All(chunks, c => Assert.Contains(sentences, s => c.Text.StartsWith(s, StringComparison.Ordinal)));
        Assert.All(chunks.Skip(1), c => Assert.Contains(c.Text[..40], chunks[c.Ordinal - 1].Text, StringComparison.Ordinal));
    }

    [Fact]
    public void AShortRemainder_StaysWithItsSection_InsteadOfANearCopyChunk()
    {
        // A rule of about 850 characters and a one-line paragraph after it: one chunk, not a second one that repeats
        // the rule's last sentence with a line of its own.
        var rule = Sentences("MGT-7", 10) + " Day counting excludes the AGM day itself.";
        var chunks = Chunker.Chunk($"# MGT-7\n\n{rule}\n\nFrequency: EventBased. Authority: MCA / Registrar of Companies.");
        var chunk = Assert.Single(chunks);
        Assert.EndsWith("Frequency: EventBased. Authority: MCA / Registrar of Companies.", chunk.Text, StringComparison.Ordinal);
        Assert.StartsWith(rule, chunk.Text, StringComparison.Ordinal);
    }
}
