using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SlackChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "slack_inbox",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    payload = table.Column<string>(type: "text", nullable: false),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    leased_until = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    processed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_install_links",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    used_for_team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_install_links", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "slack_installations",
                columns: table => new
                {
                    team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    enterprise_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    bot_user_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bot_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    app_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    encrypted_bot_token = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    scopes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    installed_by_slack_user_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    installed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_installations", x => x.team_id);
                    table.ForeignKey(
                        name: "fk_slack_installations_slack_workspace_bindings_team_id",
                        column: x => x.team_id,
                        principalTable: "slack_workspace_bindings",
                        principalColumn: "slack_team_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slack_inbox_processed_at",
                table: "slack_inbox",
                column: "processed_at");

            migrationBuilder.CreateIndex(
                name: "ix_slack_inbox_waiting",
                table: "slack_inbox",
                column: "received_at",
                filter: "processed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_slack_install_links_tenant_id",
                table: "slack_install_links",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_slack_installations_tenant_id",
                table: "slack_installations",
                column: "tenant_id");

            // The inbox precedes tenant resolution (see SlackInboxItem): the app role reads and writes it without
            // a tenant scope. Installations and install links are tenant data like any other.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE, DELETE ON slack_inbox TO compliance_app;
                GRANT SELECT, INSERT, UPDATE, DELETE ON slack_installations TO compliance_app;
                GRANT SELECT, INSERT, UPDATE ON slack_install_links TO compliance_app;
                ALTER TABLE slack_installations ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON slack_installations
                  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
                ALTER TABLE slack_install_links ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON slack_install_links
                  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY IF EXISTS tenant_isolation ON slack_installations; DROP POLICY IF EXISTS tenant_isolation ON slack_install_links;");

            migrationBuilder.DropTable(
                name: "slack_inbox");

            migrationBuilder.DropTable(
                name: "slack_install_links");

            migrationBuilder.DropTable(
                name: "slack_installations");
        }
    }
}
