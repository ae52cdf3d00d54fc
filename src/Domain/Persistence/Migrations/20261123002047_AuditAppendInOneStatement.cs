using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendInOneStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The chain lock, the head read, the hash and the insert in one statement: the lock is held for this one
            // round trip and the commit, instead of three. The client renders the canonical form v1 around the two
            // values only the head knows (AuditCanonicalForm.RenderAroundHead); the hash is the same SHA-256.
            migrationBuilder.Sql("""
                CREATE FUNCTION app_audit_append(
                  p_id uuid, p_tenant uuid, p_actor_kind text, p_actor_id uuid, p_actor_name text, p_channel text,
                  p_action text, p_target_type text, p_target_id text, p_before jsonb, p_after jsonb,
                  p_correlation_id text, p_occurred_at timestamptz, p_prefix text, p_middle text, p_suffix text)
                RETURNS TABLE (out_sequence bigint, out_previous_hash text, out_hash text)
                LANGUAGE plpgsql AS $$
                DECLARE
                  v_seq bigint;
                  v_prev text;
                  v_hash text;
                BEGIN
                  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || p_tenant::text, 0));
                  SELECT a.sequence, a.hash INTO v_seq, v_prev
                    FROM audit_entries a WHERE a.tenant_id = p_tenant ORDER BY a.sequence DESC LIMIT 1;
                  v_seq := coalesce(v_seq, 0) + 1;
                  v_prev := coalesce(v_prev, repeat('0', 64));
                  v_hash := encode(sha256(convert_to(p_prefix || v_seq::text || p_middle || v_prev || p_suffix, 'UTF8')), 'hex');
                  INSERT INTO audit_entries (id, tenant_id, sequence, actor_kind, actor_id, actor_name, channel, action,
                    target_type, target_id, before, after, correlation_id, occurred_at, previous_hash, hash)
                  VALUES (p_id, p_tenant, v_seq, p_actor_kind, p_actor_id, p_actor_name, p_channel, p_action,
                    p_target_type, p_target_id, p_before, p_after, p_correlation_id, p_occurred_at, v_prev, v_hash);
                  RETURN QUERY SELECT v_seq, v_prev, v_hash;
                END
                $$;
                REVOKE ALL ON FUNCTION app_audit_append(uuid, uuid, text, uuid, text, text, text, text, text, jsonb, jsonb, text, timestamptz, text, text, text) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app_audit_append(uuid, uuid, text, uuid, text, text, text, text, text, jsonb, jsonb, text, timestamptz, text, text, text) TO compliance_app;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_audit_append(uuid, uuid, text, uuid, text, text, text, text, text, jsonb, jsonb, text, timestamptz, text, text, text);");
        }
    }
}
