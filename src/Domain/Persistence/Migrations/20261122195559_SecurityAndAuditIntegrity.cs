using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <summary>
    /// Row-level security on every tenant table, the application role's grants (least privilege; no UPDATE, DELETE or
    /// TRUNCATE on the audit trail), append-only and immutability triggers, and tenant resolution by channel id.
    /// The application role <c>compliance_app</c> must exist (./run.sh creates it; in production the DBA does) and must
    /// not own these tables nor have BYPASSRLS. A later migration that adds a table must grant it and add its policy.
    /// </summary>
    public partial class SecurityAndAuditIntegrity : Migration
    {
        private static readonly string[] TenantTables =
        [
            "teams_tenant_bindings", "slack_workspace_bindings", "legal_entities", "gst_registrations", "agm_records",
            "users", "user_roles", "entity_access", "compliance_instances", "workflow_tasks", "approvals", "comments",
            "evidence", "notifications",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'compliance_app') THEN
                    RAISE EXCEPTION 'role compliance_app must exist before migrating (./run.sh creates it; see README)';
                  END IF;
                  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'compliance_app' AND (rolsuper OR rolbypassrls)) THEN
                    RAISE EXCEPTION 'role compliance_app must be neither superuser nor BYPASSRLS';
                  END IF;
                END
                $$;

                -- The scope of the current transaction, set by the application at BEGIN (set_config(..., true)).
                CREATE FUNCTION app_current_tenant() RETURNS uuid
                  LANGUAGE sql STABLE PARALLEL SAFE
                  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

                CREATE FUNCTION app_is_platform() RETURNS boolean
                  LANGUAGE sql STABLE PARALLEL SAFE
                  AS $$ SELECT coalesce(current_setting('app.platform', true), '') = 'on' $$;

                -- Resolves a Teams tenant id or Slack team id to our tenant before any tenant scope exists.
                -- SECURITY DEFINER: runs as the owner, returns one id and nothing else.
                CREATE FUNCTION app_resolve_tenant(p_channel text, p_external_id text) RETURNS uuid
                  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
                  AS $$
                    SELECT t.id FROM tenants t
                    WHERE t.is_active AND t.id = CASE p_channel
                      WHEN 'teams' THEN (SELECT b.tenant_id FROM teams_tenant_bindings b WHERE b.teams_tenant_id = lower(p_external_id))
                      WHEN 'slack' THEN (SELECT b.tenant_id FROM slack_workspace_bindings b WHERE b.slack_team_id = upper(p_external_id))
                    END
                  $$;
                REVOKE ALL ON FUNCTION app_resolve_tenant(text, text) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app_resolve_tenant(text, text) TO compliance_app;

                GRANT USAGE ON SCHEMA public TO compliance_app;
                GRANT SELECT ON "__EFMigrationsHistory" TO compliance_app;
                GRANT SELECT, INSERT, UPDATE ON tenants, platform_operators, legal_entities, gst_registrations, agm_records,
                  users, compliance_masters, compliance_instances, workflow_tasks, approvals, evidence, notifications TO compliance_app;
                GRANT SELECT, INSERT, DELETE ON teams_tenant_bindings, slack_workspace_bindings, user_roles, entity_access TO compliance_app;
                GRANT DELETE ON gst_registrations TO compliance_app;
                GRANT SELECT, INSERT ON comments, audit_entries TO compliance_app;
                """);

            foreach (var table in TenantTables)
            {
                migrationBuilder.Sql($"""
                    ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                    CREATE POLICY tenant_isolation ON {table}
                      USING (tenant_id = app_current_tenant())
                      WITH CHECK (tenant_id = app_current_tenant());
                    """);
            }

            migrationBuilder.Sql("""
                ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_self ON tenants
                  USING (id = app_current_tenant() OR app_is_platform())
                  WITH CHECK (app_is_platform() OR id = app_current_tenant());
                CREATE POLICY tenant_create ON tenants AS RESTRICTIVE FOR INSERT
                  WITH CHECK (app_is_platform());

                ALTER TABLE platform_operators ENABLE ROW LEVEL SECURITY;
                CREATE POLICY platform_only ON platform_operators
                  USING (app_is_platform()) WITH CHECK (app_is_platform());

                -- Tenants read the global catalog and their own masters; only platform scope writes the global catalog.
                ALTER TABLE compliance_masters ENABLE ROW LEVEL SECURITY;
                CREATE POLICY masters_read ON compliance_masters FOR SELECT
                  USING (tenant_id IS NULL OR tenant_id = app_current_tenant());
                CREATE POLICY masters_write ON compliance_masters
                  USING (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()))
                  WITH CHECK (tenant_id = app_current_tenant() OR (tenant_id IS NULL AND app_is_platform()));

                -- Each tenant's chain, plus the platform chain (tenant_id = all zeros) in platform scope.
                ALTER TABLE audit_entries ENABLE ROW LEVEL SECURITY;
                CREATE POLICY audit_chain ON audit_entries
                  USING (tenant_id = app_current_tenant()
                         OR (tenant_id = '00000000-0000-0000-0000-000000000000' AND app_is_platform()))
                  WITH CHECK (tenant_id = app_current_tenant()
                         OR (tenant_id = '00000000-0000-0000-0000-000000000000' AND app_is_platform()));

                -- Append-only even for a role that was granted more than it should have been.
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'audit_entries is append-only: % is not allowed', TG_OP
                    USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries
                  FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                  FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
                REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM compliance_app;

                -- Approved proof is immutable: nobody, not even an admin, changes or removes it.
                CREATE FUNCTION evidence_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'evidence % is immutable: % is not allowed', OLD.id, TG_OP
                    USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER evidence_no_change_when_immutable BEFORE UPDATE OR DELETE ON evidence
                  FOR EACH ROW WHEN (OLD.is_immutable) EXECUTE FUNCTION evidence_immutable();

                -- A decided approval is history: its decision cannot be rewritten.
                CREATE FUNCTION approvals_decided_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION 'approval % (cycle %) is already decided', OLD.id, OLD.cycle
                    USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER approvals_no_change_after_decision BEFORE UPDATE OR DELETE ON approvals
                  FOR EACH ROW WHEN (OLD.decision IS NOT NULL) EXECUTE FUNCTION approvals_decided_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER approvals_no_change_after_decision ON approvals;
                DROP FUNCTION approvals_decided_immutable();
                DROP TRIGGER evidence_no_change_when_immutable ON evidence;
                DROP FUNCTION evidence_immutable();
                DROP TRIGGER audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER audit_entries_no_update_delete ON audit_entries;
                DROP FUNCTION audit_entries_append_only();
                DROP POLICY audit_chain ON audit_entries;
                ALTER TABLE audit_entries DISABLE ROW LEVEL SECURITY;
                DROP POLICY masters_write ON compliance_masters;
                DROP POLICY masters_read ON compliance_masters;
                ALTER TABLE compliance_masters DISABLE ROW LEVEL SECURITY;
                DROP POLICY platform_only ON platform_operators;
                ALTER TABLE platform_operators DISABLE ROW LEVEL SECURITY;
                DROP POLICY tenant_create ON tenants;
                DROP POLICY tenant_self ON tenants;
                ALTER TABLE tenants DISABLE ROW LEVEL SECURITY;
                """);
            foreach (var table in TenantTables)
            {
                migrationBuilder.Sql($"DROP POLICY tenant_isolation ON {table}; ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;");
            }

            migrationBuilder.Sql("""
                REVOKE ALL ON ALL TABLES IN SCHEMA public FROM compliance_app;
                DROP FUNCTION app_resolve_tenant(text, text);
                DROP FUNCTION app_is_platform();
                DROP FUNCTION app_current_tenant();
                """);
        }
    }
}
