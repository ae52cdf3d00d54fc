using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ChannelConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "conversation_references",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    service_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    bot_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel_user_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel_tenant_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    locale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    last_delivery_failure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_delivery_failure_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conversation_references", x => new { x.tenant_id, x.user_id, x.channel });
                    table.ForeignKey(
                        name: "fk_conversation_references_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbound_activities",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    conversation_id = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    activity_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    received_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inbound_activities", x => new { x.tenant_id, x.channel, x.conversation_id, x.activity_id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_inbound_activities_received_at",
                table: "inbound_activities",
                column: "received_at");

            // New tenant tables: the application role's grants and tenant isolation.
            migrationBuilder.Sql("""
                GRANT SELECT, INSERT, UPDATE, DELETE ON conversation_references TO compliance_app;
                GRANT SELECT, INSERT ON inbound_activities TO compliance_app;
                ALTER TABLE conversation_references ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON conversation_references
                  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
                ALTER TABLE inbound_activities ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON inbound_activities
                  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY tenant_isolation ON conversation_references; DROP POLICY tenant_isolation ON inbound_activities;");

            migrationBuilder.DropTable(
                name: "conversation_references");

            migrationBuilder.DropTable(
                name: "inbound_activities");
        }
    }
}
