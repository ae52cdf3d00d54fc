using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplianceOs.Rag;

public static class RagModule
{
    /// <summary>The knowledge base: the built-in embedder (unless one is registered already), ingestion.</summary>
    public static IServiceCollection AddRag(this IServiceCollection services)
    {
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashedNgramEmbedder>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KnowledgeIngestor>();
        services.AddSingleton<IngestMasters>();
        services.AddSingleton<Retrieval.HybridRetriever>();
        return services;
    }
}
