using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.AI;

namespace ComplianceOs.Rag.Embeddings;

/// <summary>
/// The embedder built into the product, needing no network or model: the feature hashing trick over words, word pairs
/// and character n-grams of each word, with sub-linear term weights, signed buckets (so collisions cancel rather
/// than pile up) and unit length, in <see cref="Dimensions"/> dimensions (within pgvector's HNSW limit of 2,000).
/// It matches shared vocabulary and spelling variants ("gstr3b" ~ "gstr-3b", "deducted" ~ "deduction"), not meaning:
/// "late fee" and "penalty" are unrelated to it. The full-text half of hybrid retrieval covers exact terms; a
/// configured model covers meaning.
/// </summary>
public sealed class HashedNgramEmbedder : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 1024;

    public const string ModelId = "complianceos-hashed-ngrams-v3";

    private const float WordWeight = 1.0f;
    private const float PairWeight = 0.6f;
    private const float GramWeight = 0.35f;
    private const float PartWeight = 0.5f;

    public EmbeddingGeneratorMetadata Metadata { get; } = new("complianceos-local", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
        }

        return Task.FromResult(result);
    }

    /// <summary>One text's vector: unit length, or all zeros when the text has no words.</summary>
    public static float[] Embed(string text)
    {
        var counts = new Dictionary<string, (float Weight, int Count)>(StringComparer.Ordinal);
        var tokens = ComplianceTokenizer.Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i];
            Add(counts, "w:" + word, WordWeight);

            // A code's letters and digits alone too, so "gstr3b" and "gstr-3b" share their strongest feature.
            var bare = word.Replace("-", string.Empty, StringComparison.Ordinal).Replace("/", string.Empty, StringComparison.Ordinal);
            if (bare != word)
            {
                Add(counts, "w:" + bare, WordWeight);

                // And its parts, as people shorten it in chat ("3b", "7a"): weaker, since parts are shared more.
                foreach (var part in word.Split('-', '/'))
                {
                    Add(counts, "w:" + part, PartWeight);
                }
            }

            if (i + 1 < tokens.Count)
            {
                Add(counts, "p:" + word + " " + tokens[i + 1], PairWeight);
            }

            var padded = "<" + bare + ">";
            for (var n = 3; n <= 5; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    Add(counts, "g:" + padded.Substring(start, n), GramWeight);
                }
            }
        }

        var vector = new float[Dimensions];
        foreach (var (feature, (weight, count)) in counts)
        {
            var hash = Fnv1a(feature);
            var bucket = (int)(hash % Dimensions);
            var sign = (hash >> 63) == 0 ? 1f : -1f;

            // Sub-linear: a word said ten times is not ten times the evidence.
            vector[bucket] += sign * weight * (1f + MathF.Log(count));
        }

        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    private static void Add(Dictionary<string, (float Weight, int Count)> counts, string feature, float weight) =>
        counts[feature] = counts.TryGetValue(feature, out var c) ? (c.Weight, c.Count + 1) : (weight, 1);

    private static ulong Fnv1a(string s)
    {
        // Stable across processes and versions (string.GetHashCode is randomised per process).
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(s.Length)];
        var length = Encoding.UTF8.GetBytes(s, buffer);
        foreach (var b in buffer[..length])
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        // FNV's high bits mix poorly; fold them in before taking the bucket and sign.
        return hash ^ (hash >> 29) ^ BinaryPrimitives.ReverseEndianness(hash);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
