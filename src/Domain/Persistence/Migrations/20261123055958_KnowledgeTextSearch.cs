using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeTextSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The full-text half of retrieval, as the owner: under row-level security PostgreSQL may not use the GIN
            // index for "search_vector @@ query" (the operator is not leakproof), so the application role would read
            // every chunk. The function repeats the read policy of knowledge_chunks exactly (the global corpus and
            // the current tenant's documents) and returns ids and ranks only.
            migrationBuilder.Sql("""
                CREATE FUNCTION app_knowledge_text_search(p_query tsquery, p_limit integer)
                  RETURNS TABLE (id uuid, rank bigint)
                  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
                  AS $$
                    SELECT c.id, row_number() OVER (ORDER BY ts_rank_cd(c.search_vector, p_query) DESC, c.id)
                    FROM knowledge_chunks c
                    WHERE c.search_vector @@ p_query
                      AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                    ORDER BY ts_rank_cd(c.search_vector, p_query) DESC, c.id
                    LIMIT least(greatest(p_limit, 0), 200)
                  $$;
                REVOKE ALL ON FUNCTION app_knowledge_text_search(tsquery, integer) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app_knowledge_text_search(tsquery, integer) TO compliance_app;
                """);


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION app_knowledge_text_search(tsquery, integer);");


        }
    }
}
