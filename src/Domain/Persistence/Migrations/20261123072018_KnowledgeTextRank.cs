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
            // chunks; ts_rank reads the frequencies only. And the two-word tier, like the any-word one, ranks the
            // first 2,000 matches, not all of them (benchmarks: knowledge). Same tiers, same read policy.
            migrationBuilder.Sql(Function("ts_rank", capTwoWords: true));

            // It returns at most p_limit rows (30 from HybridRetriever); the default estimate of 1,000 made the
            // planner hash the whole documents table for the final join instead of fetching 60 rows by key.
            migrationBuilder.Sql("ALTER FUNCTION app_knowledge_text_search(tsquery, tsquery, tsquery, integer) ROWS 30;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Function("ts_rank_cd", capTwoWords: false));
            migrationBuilder.Sql("ALTER FUNCTION app_knowledge_text_search(tsquery, tsquery, tsquery, integer) ROWS 1000;");
        }

        private static string Function(string rank, bool capTwoWords) => Function(rank, capTwoWords ? "2000" : "ALL");

        private static string Function(string rank, string cap) => $$"""
            CREATE OR REPLACE FUNCTION app_knowledge_text_search(p_all tsquery, p_two tsquery, p_any tsquery, p_limit integer)
              RETURNS TABLE (id uuid, rank bigint)
              LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
              AS $$
                -- Chunks with all of the question's words; else with at least two of them; else with any; the
                -- looser tiers ranked among the first 2,000 found. "late | fee | 3b" matches a third of a large
                -- corpus, "board & meeting" a fifth, and ranking that many rows reads every one of them.
                WITH every_word AS (
                  SELECT c.id, {{rank}}(c.search_vector, p_all) AS score
                  FROM knowledge_chunks c
                  WHERE c.search_vector @@ p_all AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                  ORDER BY score DESC, c.id
                  LIMIT least(greatest(p_limit, 0), 200)
                ), two_words AS (
                  SELECT m.id, {{rank}}(m.search_vector, p_any) AS score
                  FROM (SELECT c.id, c.search_vector FROM knowledge_chunks c
                        WHERE NOT EXISTS (SELECT 1 FROM every_word)
                          AND c.search_vector @@ p_two AND (c.tenant_id IS NULL OR c.tenant_id = app_current_tenant())
                        LIMIT {{cap}}) m
                  ORDER BY score DESC, m.id
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
