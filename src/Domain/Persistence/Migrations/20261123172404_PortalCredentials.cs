using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PortalCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "portal_credentials",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    operator_id = table.Column<Guid>(type: "uuid", nullable: true),
                    password_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    stamp = table.Column<Guid>(type: "uuid", nullable: false),
                    failed_sign_ins = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    last_sign_in_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_portal_credentials", x => x.id);
                    table.CheckConstraint("ck_portal_credentials_email_lower", "email = lower(email)");
                    table.CheckConstraint("ck_portal_credentials_failed_sign_ins", "failed_sign_ins >= 0");
                    table.CheckConstraint("ck_portal_credentials_kind", "(operator_id IS NOT NULL AND tenant_id IS NULL AND user_id IS NULL) OR (operator_id IS NULL AND tenant_id IS NOT NULL AND user_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_portal_credentials_platform_operators_operator_id",
                        column: x => x.operator_id,
                        principalTable: "platform_operators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_portal_credentials_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_portal_credentials_email",
                table: "portal_credentials",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_portal_credentials_operator_id",
                table: "portal_credentials",
                column: "operator_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_portal_credentials_tenant_id_user_id",
                table: "portal_credentials",
                columns: new[] { "tenant_id", "user_id" },
                unique: true);

            // Read at sign-in before any tenant is known (platform scope); otherwise only the tenant's own rows.
            // No DELETE: a credential goes with its user or operator.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE ON portal_credentials TO compliance_app;
                ALTER TABLE portal_credentials ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_or_platform ON portal_credentials
                  USING (app_is_platform() OR tenant_id = app_current_tenant())
                  WITH CHECK (app_is_platform() OR tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "portal_credentials");
        }
    }
}
