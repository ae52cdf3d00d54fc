using ComplianceOs.Domain.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplianceOs.Domain.Persistence.Configurations;

internal sealed class KnowledgeDocumentConfiguration : IEntityTypeConfiguration<KnowledgeDocument>
{
    public void Configure(EntityTypeBuilder<KnowledgeDocument> b)
    {
        b.ToTable("knowledge_documents");
        b.HasKey(x => x.Id);
        b.Property(x => x.SourceKey).HasMaxLength(400);
        b.Property(x => x.Title).HasMaxLength(400);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.SourceUrl).HasMaxLength(1000);
        b.Property(x => x.ContentHash).HasMaxLength(64).IsFixedLength();
        b.Property(x => x.EmbeddingModel).HasMaxLength(200);

        // One document per source key per scope (global counts as one scope): the key ingestion upserts on.
        b.HasIndex(x => new { x.TenantId, x.SourceKey }).IsUnique().AreNullsDistinct(false);
        b.HasOne<Tenancy.Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KnowledgeChunkConfiguration : IEntityTypeConfiguration<KnowledgeChunk>
{
    public void Configure(EntityTypeBuilder<KnowledgeChunk> b)
    {
        b.ToTable("knowledge_chunks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Section).HasMaxLength(400);
        b.Property(x => x.Text).HasMaxLength(8000);
        b.Property(x => x.Embedding).HasColumnType($"vector({KnowledgeChunk.Dimensions})");
        b.HasGeneratedTsVectorColumn(x => x.SearchVector, "english", x => new { x.Section, x.Text })
            .HasIndex(x => x.SearchVector).HasMethod("GIN");
        b.HasIndex(x => x.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops");
        b.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
        b.HasIndex(x => x.TenantId);
        b.HasOne<KnowledgeDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssistantFeedbackConfiguration : IEntityTypeConfiguration<AssistantFeedback>
{
    public void Configure(EntityTypeBuilder<AssistantFeedback> b)
    {
        b.ToTable("assistant_feedback");
        b.HasKey(x => x.Id);
        b.Property(x => x.Question).HasMaxLength(AssistantFeedback.MaxQuestionLength);
        b.Property(x => x.AnswerKind).HasMaxLength(16);
        b.HasIndex(x => new { x.TenantId, x.AnswerId, x.UserId }).IsUnique();
        b.HasOne<Tenancy.Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.User>().WithMany().HasForeignKey(x => new { x.TenantId, x.UserId }).HasPrincipalKey(u => new { u.TenantId, u.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
