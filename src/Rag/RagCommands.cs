using ComplianceOs.Domain;
using ComplianceOs.Domain.Common;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Rag;

/// <summary>
/// <c>dotnet run --project src/Rag -- ingest --tenant &lt;tenant-id|global&gt; &lt;file or folder&gt;</c> and
/// <c>ingest-masters</c>. The connection string comes from <c>ConnectionStrings__ComplianceDb</c> (the application
/// role: ingestion is tenant-scoped like every other write). Exit code 0 on success, 1 when a file could not be
/// ingested (each named with the reason), 2 on bad usage.
/// </summary>
public static class RagCommands
{
    private const string Usage = """
        usage: ingest --tenant <tenant-id|global> <file-or-folder>   Markdown, text and PDF files (folders recursively)
               ingest-masters                                        every active global compliance master
               ingest-builtin                                        the masters and the notes shipped with the product
               reembed                                               every document embedded by another model, from its stored chunks
        needs ConnectionStrings__ComplianceDb (the application role's connection string)
        """;

    public static async Task<int> Main(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("ConnectionStrings__ComplianceDb");
        if (string.IsNullOrWhiteSpace(connection) || args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // The same Assistant:* settings as the bot host (Assistant__Embeddings__Endpoint, …), so both embed alike.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(
            Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .Where(e => ((string)e.Key).StartsWith("Assistant__", StringComparison.Ordinal))
                .Select(e => new KeyValuePair<string, string?>(((string)e.Key).Replace("__", ":", StringComparison.Ordinal), (string?)e.Value))).Build();
        await using var services = new ServiceCollection().AddDomainModule(connection).AddRag(settings).BuildServiceProvider();
        var actor = Actor.System("rag-cli");
        switch (args[0])
        {
            case "ingest-masters":
                var outcomes = await services.GetRequiredService<IngestMasters>().RunAsync(actor, Channel.Cli);
                Console.WriteLine($"ingest-masters: {string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key.ToString().ToLowerInvariant()}"))}");
                return 0;
            case "ingest-builtin":
                var masters = await services.GetRequiredService<IngestMasters>().RunAsync(actor, Channel.Cli);
                var notes = await services.GetRequiredService<IngestNotes>().RunAsync(actor, Channel.Cli);
                Console.WriteLine($"ingest-builtin: masters {Summary(masters)}; notes {Summary(notes)}");
                return 0;
            case "reembed":
                var reembedded = await services.GetRequiredService<Reembedder>().RunAsync(actor, Channel.Cli);
                Console.WriteLine($"reembed: {reembedded} documents re-embedded");
                return 0;
            case "ingest" when args.Length == 4 && args[1] == "--tenant":
                Guid? tenant = null;
                if (args[2] != "global")
                {
                    if (!Guid.TryParse(args[2], out var id))
                    {
                        Console.Error.WriteLine($"ingest: --tenant must be a tenant id or 'global', not '{args[2]}'");
                        return 2;
                    }

                    tenant = id;
                }

                try
                {
                    return await IngestPathAsync(services.GetRequiredService<KnowledgeIngestor>(), tenant, args[3], actor);
                }
                catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.ForeignKeyViolation })
                {
                    Console.Error.WriteLine($"ingest: there is no tenant {args[2]}");
                    return 2;
                }
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static string Summary(IReadOnlyDictionary<IngestOutcome, int> outcomes) =>
        string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key.ToString().ToLowerInvariant()}"));

    private static async Task<int> IngestPathAsync(KnowledgeIngestor ingestor, Guid? tenant, string path, Actor actor)
    {
        string root;
        IEnumerable<string> files;
        if (Directory.Exists(path))
        {
            root = Path.GetFullPath(path);
            files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
        }
        else if (File.Exists(path))
        {
            root = Path.GetDirectoryName(Path.GetFullPath(path))!;
            files = [Path.GetFullPath(path)];
        }
        else
        {
            Console.Error.WriteLine($"ingest: {path} is neither a file nor a folder");
            return 2;
        }

        var failed = 0;
        foreach (var file in files)
        {
            var key = "file:" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var (document, problem) = DocumentFiles.Read(tenant, file, key);
            if (document is null)
            {
                Console.Error.WriteLine($"ingest: {problem}");
                failed++;
                continue;
            }

            var result = await ingestor.IngestAsync(document, actor, Channel.Cli);
            Console.WriteLine($"ingest: {key}: {result.Outcome.ToString().ToLowerInvariant()}, {result.Chunks} chunks");
        }

        return failed == 0 ? 0 : 1;
    }
}
