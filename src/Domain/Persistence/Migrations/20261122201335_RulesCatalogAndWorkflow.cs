using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RulesCatalogAndWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "annual_turnover_crore",
                table: "legal_entities",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confidence_note",
                table: "compliance_masters",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rule_text",
                table: "compliance_masters",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "awaiting_event",
                table: "compliance_instances",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cumulative_percent",
                table: "compliance_instances",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "extension_reference",
                table: "compliance_instances",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "manual_block_reason",
                table: "compliance_instances",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "due_date_extensions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    master_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    extended_to = table.Column<LocalDate>(type: "date", nullable: false),
                    state_scope = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    notification_reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_due_date_extensions", x => x.id);
                    table.ForeignKey(
                        name: "fk_due_date_extensions_compliance_masters_master_id",
                        column: x => x.master_id,
                        principalTable: "compliance_masters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_due_date_extensions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_instances_extension_reference",
                table: "compliance_instances",
                sql: "(extended_due_date IS NULL) = (extension_reference IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_instances_manual_block",
                table: "compliance_instances",
                sql: "manual_block_reason IS NULL OR is_blocked");

            migrationBuilder.CreateIndex(
                name: "ix_due_date_extensions_master_id",
                table: "due_date_extensions",
                column: "master_id");

            migrationBuilder.CreateIndex(
                name: "ux_due_date_extensions_master_period_scope",
                table: "due_date_extensions",
                columns: new[] { "tenant_id", "master_id", "period_key", "state_scope" },
                unique: true);

            // New table: the application role's grants and tenant isolation, as for every tenant table.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE ON due_date_extensions TO compliance_app;
                ALTER TABLE due_date_extensions ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON due_date_extensions
                  USING (tenant_id = app_current_tenant())
                  WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY tenant_isolation ON due_date_extensions;");

            migrationBuilder.DropTable(
                name: "due_date_extensions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_instances_extension_reference",
                table: "compliance_instances");

            migrationBuilder.DropCheckConstraint(
                name: "ck_instances_manual_block",
                table: "compliance_instances");

            migrationBuilder.DropColumn(
                name: "annual_turnover_crore",
                table: "legal_entities");

            migrationBuilder.DropColumn(
                name: "confidence_note",
                table: "compliance_masters");

            migrationBuilder.DropColumn(
                name: "rule_text",
                table: "compliance_masters");

            migrationBuilder.DropColumn(
                name: "awaiting_event",
                table: "compliance_instances");

            migrationBuilder.DropColumn(
                name: "cumulative_percent",
                table: "compliance_instances");

            migrationBuilder.DropColumn(
                name: "extension_reference",
                table: "compliance_instances");

            migrationBuilder.DropColumn(
                name: "manual_block_reason",
                table: "compliance_instances");
        }
    }
}
