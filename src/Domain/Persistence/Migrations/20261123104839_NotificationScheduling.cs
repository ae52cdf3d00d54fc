using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NotificationScheduling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_instance_id_stage_recipient_user_id_cycle",
                table: "notifications");

            migrationBuilder.AlterColumn<Guid>(
                name: "instance_id",
                table: "notifications",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<int>(
                name: "channel_attempts",
                table: "notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Instant>(
                name: "claimed_until",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "failed_channels",
                table: "notifications",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<Instant>(
                name: "not_before",
                table: "notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_instance_id_stage_recipient_user_id_cycle",
                table: "notifications",
                columns: new[] { "instance_id", "stage", "recipient_user_id", "cycle" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_notifications_instance_id_stage_recipient_user_id_cycle",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "channel_attempts",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "claimed_until",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "failed_channels",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "not_before",
                table: "notifications");

            migrationBuilder.AlterColumn<Guid>(
                name: "instance_id",
                table: "notifications",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_instance_id_stage_recipient_user_id_cycle",
                table: "notifications",
                columns: new[] { "instance_id", "stage", "recipient_user_id", "cycle" },
                unique: true);
        }
    }
}
