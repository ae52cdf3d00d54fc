using ComplianceOs.Rag.Embeddings;
using Microsoft.Extensions.AI;

namespace ComplianceOs.Rag.Tests.Embeddings;

public class HashedNgramEmbedderTests
{
    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Fact]
    public void Vectors_HaveUnitLength_AndFitAnHnswIndex()
    {
        var v = HashedNgramEmbedder.Embed("GSTR-3B for March is due on the 20th of April.");
        Assert.Equal(HashedNgramEmbedder.Dimensions, v.Length);
        Assert.True(HashedNgramEmbedder.Dimensions <= 2000);
        Assert.Equal(1f, MathF.Sqrt(v.Sum(x => x * x)), 4);
    }

    [Fact]
    public void TheSameText_GivesTheSameVector_InAnyInstance()
    {
        // Stored vectors are compared with query vectors made in another process, later: no per-process hashing.
        Assert.Equal(HashedNgramEmbedder.Embed("TDS return 24Q"), HashedNgramEmbedder.Embed("TDS return 24Q"));
    }

    [Fact]
    public void ATextWithoutWords_IsTheZeroVector()
    {
        Assert.All(HashedNgramEmbedder.Embed(" -- ?! "), x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData("when is gstr3b due", "GSTR-3B monthly return: due date and late fee", "EPF ECR contribution payment by the 15th")]
    [InlineData("late fee on a late 3B", "GSTR-3B late fee per day of delay", "Form 24Q quarterly TDS return on salaries")]
    [InlineData("which form for auditor appointment", "ADT-1: intimation of auditor appointment to the Registrar", "PT payment in Maharashtra")]
    [InlineData("deducted tds on rent", "TDS deduction on rent under section 194-I", "Advance tax instalments for companies")]
    public void ARelatedPassage_IsCloserThanAnUnrelatedOne(string question, string related, string unrelated)
    {
        var q = HashedNgramEmbedder.Embed(question);
        Assert.True(Cosine(q, HashedNgramEmbedder.Embed(related)) > Cosine(q, HashedNgramEmbedder.Embed(unrelated)) + 0.05f);
    }

    [Fact]
    public async Task AsAnEmbeddingGenerator_ItGivesOneEmbeddingPerInput_NamedByItsModel()
    {
        using IEmbeddingGenerator<string, Embedding<float>> generator = new HashedNgramEmbedder();
        var result = await generator.GenerateAsync(["GSTR-1", "MGT-7A", "Form 16"]);
        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(HashedNgramEmbedder.ModelId, e.ModelId));
        Assert.Equal(HashedNgramEmbedder.Embed("MGT-7A"), result[1].Vector.ToArray());
        Assert.Equal(HashedNgramEmbedder.Dimensions, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions);
    }
}
