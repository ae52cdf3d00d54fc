using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InstanceStorageTuning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_workflow_tasks",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_workflow_tasks_instance_id_step_number",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_workflow_tasks_tenant_id_instance_id",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ix_compliance_instances_entity_id_master_id_period_key",
                table: "compliance_instances");

            migrationBuilder.DropIndex(
                name: "ix_compliance_instances_master_id",
                table: "compliance_instances");

            migrationBuilder.DropIndex(
                name: "ix_compliance_instances_tenant_id_status",
                table: "compliance_instances");

            migrationBuilder.DropColumn(
                name: "id",
                table: "workflow_tasks");

            migrationBuilder.AlterTable(
                name: "compliance_instances")
                .Annotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.AddPrimaryKey(
                name: "pk_workflow_tasks",
                table: "workflow_tasks",
                columns: new[] { "tenant_id", "instance_id", "step_number" });

            migrationBuilder.CreateIndex(
                name: "ux_compliance_instances_master_entity_period",
                table: "compliance_instances",
                columns: new[] { "master_id", "entity_id", "period_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_workflow_tasks",
                table: "workflow_tasks");

            migrationBuilder.DropIndex(
                name: "ux_compliance_instances_master_entity_period",
                table: "compliance_instances");

            migrationBuilder.AlterTable(
                name: "compliance_instances")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 85);

            migrationBuilder.AddColumn<Guid>(
                name: "id",
                table: "workflow_tasks",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddPrimaryKey(
                name: "pk_workflow_tasks",
                table: "workflow_tasks",
                column: "id");

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_instance_id_step_number",
                table: "workflow_tasks",
                columns: new[] { "instance_id", "step_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_tenant_id_instance_id",
                table: "workflow_tasks",
                columns: new[] { "tenant_id", "instance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_entity_id_master_id_period_key",
                table: "compliance_instances",
                columns: new[] { "entity_id", "master_id", "period_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_master_id",
                table: "compliance_instances",
                column: "master_id");

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_tenant_id_status",
                table: "compliance_instances",
                columns: new[] { "tenant_id", "status" });
        }
    }
}
