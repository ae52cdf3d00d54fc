using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ConversationFocus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_focus",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_focus", x => new { x.tenant_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_conversation_focus_compliance_instances_tenant_id_instance_",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_conversation_focus_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversation_focus_tenant_id_instance_id",
                table: "conversation_focus",
                columns: new[] { "tenant_id", "instance_id" });

            // Routing state of the application role, tenant-scoped like every tenant table.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_focus TO compliance_app;
                ALTER TABLE conversation_focus ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON conversation_focus
                  USING (tenant_id = app_current_tenant())
                  WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "conversation_focus");
        }
    }
}
