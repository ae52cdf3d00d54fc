using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ReminderSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reminder_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stages = table.Column<string>(type: "jsonb", nullable: false),
                    quiet_from = table.Column<LocalTime>(type: "time", nullable: false),
                    quiet_until = table.Column<LocalTime>(type: "time", nullable: false),
                    quiet_on_sundays = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_settings", x => x.tenant_id);
                    table.ForeignKey(
                        name: "fk_reminder_settings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            // A tenant's escalation matrix and quiet hours: tenant data, changed by its admins only (through the handler).
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE ON reminder_settings TO compliance_app;
                ALTER TABLE reminder_settings ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON reminder_settings
                  USING (tenant_id = app_current_tenant())
                  WITH CHECK (tenant_id = app_current_tenant());
                ALTER TABLE reminder_settings ADD CONSTRAINT ck_reminder_settings_stages CHECK (jsonb_typeof(stages) = 'array' AND jsonb_array_length(stages) BETWEEN 1 AND 10);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_settings");
        }
    }
}
