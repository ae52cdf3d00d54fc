using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GenerationMarks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "generation_marks",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    generated_through = table.Column<LocalDate>(type: "date", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_generation_marks", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_generation_marks_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The generation job's high-water mark: tenant data, written by the job in the tenant's scope only.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE ON generation_marks TO compliance_app;
                ALTER TABLE generation_marks ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON generation_marks
                  USING (tenant_id = app_current_tenant())
                  WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "generation_marks");
        }
    }
}
