using ComplianceOs.Domain.Common;
using ComplianceOs.Rag.Ingestion;

namespace ComplianceOs.Rag.Knowledge;

/// <summary>
/// Ingests the notes and circulars shipped with the product (<c>src/Rag/Notes</c>, copied beside the binaries) into
/// the global corpus, each under the key <c>note:&lt;file name&gt;</c>; run by the set-up after the masters.
/// </summary>
public sealed class IngestNotes(KnowledgeIngestor ingestor)
{
    public const string SourcePrefix = "note:";

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Notes");

    public async Task<IReadOnlyDictionary<IngestOutcome, int>> RunAsync(Actor actor, Channel channel, string? folder = null, CancellationToken ct = default)
    {
        var outcomes = Enum.GetValues<IngestOutcome>().ToDictionary(o => o, _ => 0);
        var root = folder ?? DefaultFolder;
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The shipped notes folder {root} is missing; the build copies src/Rag/Notes there.");
        }

        foreach (var file in Directory.EnumerateFiles(root, "*.md").Order(StringComparer.Ordinal))
        {
            var (document, problem) = DocumentFiles.Read(null, file, SourcePrefix + Path.GetFileNameWithoutExtension(file));
            if (document is null)
            {
                throw new InvalidDataException(problem);
            }

            outcomes[(await ingestor.IngestAsync(document, actor, channel, ct)).Outcome]++;
        }

        return outcomes;
    }
}
