using System.ClientModel;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Rag.Answering;
using ComplianceOs.Rag.Embeddings;
using ComplianceOs.Rag.Ingestion;
using ComplianceOs.Rag.Knowledge;
using ComplianceOs.Rag.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace ComplianceOs.Rag;

public static class RagModule
{
    /// <summary>
    /// The knowledge base and the assistant's answering. Embeddings: an OpenAI-compatible endpoint when
    /// <c>Assistant:Embeddings</c> is configured (through Semantic Kernel's OpenAI connector, asked for
    /// <see cref="KnowledgeChunk.Dimensions"/> dimensions), else the built-in embedder. A chat model writes answers
    /// only when <c>Assistant:Chat</c> is configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The settings are unusable (checked at start, named by key).</exception>
    public static IServiceCollection AddRag(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var chat = Read(configuration, "Assistant:Chat");
        var embeddings = Read(configuration, "Assistant:Embeddings");
        var problems = chat.Problems("Assistant:Chat").Concat(embeddings.Problems("Assistant:Embeddings")).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid assistant settings: " + string.Join("; ", problems));
        }

        if (embeddings.IsConfigured)
        {
            // SKEXP0010: the connector marks the dimensions overload experimental; it is the one that keeps the vector
            // within the column's fixed size.
#pragma warning disable SKEXP0010
            services.AddOpenAIEmbeddingGenerator(embeddings.Model!, Client(embeddings), KnowledgeChunk.Dimensions);
#pragma warning restore SKEXP0010
        }

        if (chat.IsConfigured)
        {
            services.AddOpenAIChatClient(chat.Model!, Client(chat));
        }

        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, HashedNgramEmbedder>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KnowledgeIngestor>();
        services.AddSingleton<IngestMasters>();
        services.AddSingleton<IngestNotes>();
        services.AddSingleton<Reembedder>();
        services.AddSingleton<Retrieval.HybridRetriever>();
        services.AddSingleton(sp => new PassageAnswerer(
            sp.GetRequiredService<Retrieval.HybridRetriever>(),
            sp.GetService<ILogger<PassageAnswerer>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<PassageAnswerer>.Instance,
            sp.GetService<IChatClient>()));
        return services;
    }

    private static ModelEndpointOptions Read(IConfiguration? configuration, string section) => configuration is null ? new() : new()
    {
        Endpoint = configuration[$"{section}:Endpoint"],
        Model = configuration[$"{section}:Model"],
        ApiKey = configuration[$"{section}:ApiKey"],
    };

    private static OpenAIClient Client(ModelEndpointOptions o) =>
        new(new ApiKeyCredential(string.IsNullOrEmpty(o.ApiKey) ? "none" : o.ApiKey), new OpenAIClientOptions { Endpoint = new Uri(o.Endpoint!) });
}
