using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeTextRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ts_rank instead of ts_rank_cd: cover density walks every occurrence of every word to find the closest
            // covers, and with a two-word tier matching 10,000 chunks it was about 30 ms of a 45 ms question at 50,000
            // chunks; ts_rank reads the frequencies only (benchmarks: knowledge). Same tiers, same read policy.
            migrationBuilder.Sql(Function("ts_rank"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Function("ts_rank_cd"));
        }

        private static string Function(string rank) => $$"""
            CREATE OR REPLACE FUNCTION app_knowledge_text_search(p_all tsquery, p_two tsquery, p_any tsquery, p_limit integer)
              RETURNS TABLE (id uuid, rank bigint)
              LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
              AS $$
                -- Chunks with all of the question's words; else with at least two of them; else with any, ranked
                -- among the first 2,000 found. "late | fee | 3b" matches a third of a large corpus, and ranking
                -- that many rows reads every one of them.
                WITH every_word AS (
                  SELECT c.id, {{rank}}(c.search_vector, p_all) AS score
                  FROM knowledge_chunks c
                  WHERE c.search_vector @@ p_all AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                  ORDER BY score DESC, c.id
                  LIMIT least(greatest(p_limit, 0), 200)
                ), two_words AS (
                  SELECT c.id, {{rank}}(c.search_vector, p_any) AS score
                  FROM knowledge_chunks c
                  WHERE NOT EXISTS (SELECT 1 FROM every_word)
                    AND c.search_vector @@ p_two AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                  ORDER BY score DESC, c.id
                  LIMIT least(greatest(p_limit, 0), 200)
                ), any_word AS (
                  SELECT m.id, {{rank}}(m.search_vector, p_any) AS score
                  FROM (SELECT c.id, c.search_vector FROM knowledge_chunks c
                        WHERE NOT EXISTS (SELECT 1 FROM every_word) AND NOT EXISTS (SELECT 1 FROM two_words)
                          AND c.search_vector @@ p_any AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                        LIMIT 2000) m
                  ORDER BY score DESC, m.id
                  LIMIT least(greatest(p_limit, 0), 200)
                ), found AS (
                  SELECT * FROM every_word UNION ALL SELECT * FROM two_words UNION ALL SELECT * FROM any_word
                )
                SELECT found.id, row_number() OVER (ORDER BY found.score DESC, found.id) FROM found
              $$;
            """;
    }
}
