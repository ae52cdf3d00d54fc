using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AssistantFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assistant_feedback",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    answer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    answer_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    helpful = table.Column<bool>(type: "boolean", nullable: false),
                    rated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistant_feedback", x => x.id);
                    table.ForeignKey(
                        name: "fk_assistant_feedback_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assistant_feedback_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assistant_feedback_tenant_id_answer_id_user_id",
                table: "assistant_feedback",
                columns: new[] { "tenant_id", "answer_id", "user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assistant_feedback_tenant_id_user_id",
                table: "assistant_feedback",
                columns: new[] { "tenant_id", "user_id" });

            // Ratings are tenant data: written and read within the tenant only, never deleted by the app.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE ON assistant_feedback TO compliance_app;
                ALTER TABLE assistant_feedback ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON assistant_feedback
                  USING (tenant_id = app_current_tenant())
                  WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assistant_feedback");
        }
    }
}
