using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using NpgsqlTypes;
using Pgvector;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Knowledge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:vector", ",,");

            migrationBuilder.CreateTable(
                name: "knowledge_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_url = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    content_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    embedding_model = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    chunk_count = table.Column<int>(type: "integer", nullable: false),
                    ingested_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_knowledge_documents_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "knowledge_chunks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    section = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    page = table.Column<int>(type: "integer", nullable: true),
                    text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    embedding = table.Column<Vector>(type: "vector(1024)", nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "section", "text" })
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_knowledge_chunks", x => x.id);
                    table.ForeignKey(
                        name: "fk_knowledge_chunks_knowledge_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "knowledge_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_document_id_ordinal",
                table: "knowledge_chunks",
                columns: new[] { "document_id", "ordinal" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_embedding",
                table: "knowledge_chunks",
                column: "embedding")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_search_vector",
                table: "knowledge_chunks",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_chunks_tenant_id",
                table: "knowledge_chunks",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_knowledge_documents_tenant_id_source_key",
                table: "knowledge_documents",
                columns: new[] { "tenant_id", "source_key" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            // Tenants read the global corpus and their own documents; only platform scope writes the global corpus.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE, DELETE ON knowledge_documents, knowledge_chunks TO compliance_app;
                ALTER TABLE knowledge_documents ENABLE ROW LEVEL SECURITY;
                CREATE POLICY knowledge_documents_read ON knowledge_documents FOR SELECT
                  USING (tenant_id IS NULL OR tenant_id = app_current_tenant());
                CREATE POLICY knowledge_documents_write ON knowledge_documents
                  USING (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()))
                  WITH CHECK (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()));
                ALTER TABLE knowledge_chunks ENABLE ROW LEVEL SECURITY;
                CREATE POLICY knowledge_chunks_read ON knowledge_chunks FOR SELECT
                  USING (tenant_id IS NULL OR tenant_id = app_current_tenant());
                CREATE POLICY knowledge_chunks_write ON knowledge_chunks
                  USING (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()))
                  WITH CHECK (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "knowledge_chunks");

            migrationBuilder.DropTable(
                name: "knowledge_documents");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:vector", ",,");
        }
    }
}
