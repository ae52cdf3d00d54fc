using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceVault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "max_evidence_bytes",
                table: "tenants",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "evidence",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Teams");

            migrationBuilder.AddColumn<Instant>(
                name: "decided_at",
                table: "evidence",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "decided_by_user_id",
                table: "evidence",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_comment",
                table: "evidence",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "removed_at",
                table: "evidence",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "removed_by_user_id",
                table: "evidence",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "ck_tenants_max_evidence_bytes",
                table: "tenants",
                sql: "max_evidence_bytes IS NULL OR max_evidence_bytes BETWEEN 1024 AND 2147483648");

            migrationBuilder.CreateIndex(
                name: "ux_evidence_slot_sha256",
                table: "evidence",
                columns: new[] { "instance_id", "evidence_kind", "sha256" },
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_evidence_approved_immutable",
                table: "evidence",
                sql: "(approval_status = 'Approved') = is_immutable");

            migrationBuilder.AddCheckConstraint(
                name: "ck_evidence_decided",
                table: "evidence",
                sql: "(approval_status = 'Pending') = (decided_by_user_id IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "ck_evidence_rejected_comment",
                table: "evidence",
                sql: "approval_status <> 'Rejected' OR decision_comment IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_evidence_removed",
                table: "evidence",
                sql: "removed_at IS NULL OR (approval_status <> 'Approved' AND removed_by_user_id IS NOT NULL)");

            // What was uploaded never changes, whatever the row's state: the bytes, where they are, which slot and
            // version, who sent them. Only the review (pending → approved or rejected) and a removal may be written,
            // and once approved nothing at all (evidence_no_change_when_immutable). The application role has no
            // DELETE on evidence: a removal is a soft delete.
            migrationBuilder.Sql("""
                CREATE FUNCTION evidence_upload_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF (NEW.id, NEW.tenant_id, NEW.instance_id, NEW.evidence_kind, NEW.file_name, NEW.content_type, NEW.size_bytes,
                      NEW.sha256, NEW.storage_key, NEW.version, NEW.parent_evidence_id, NEW.uploaded_by_user_id, NEW.uploaded_at, NEW.channel)
                     IS DISTINCT FROM
                     (OLD.id, OLD.tenant_id, OLD.instance_id, OLD.evidence_kind, OLD.file_name, OLD.content_type, OLD.size_bytes,
                      OLD.sha256, OLD.storage_key, OLD.version, OLD.parent_evidence_id, OLD.uploaded_by_user_id, OLD.uploaded_at, OLD.channel) THEN
                    RAISE EXCEPTION 'evidence %: what was uploaded cannot be changed', OLD.id USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  IF OLD.approval_status <> 'Pending' AND NEW.approval_status <> OLD.approval_status THEN
                    RAISE EXCEPTION 'evidence % was already %', OLD.id, OLD.approval_status USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  IF OLD.removed_at IS NOT NULL AND NEW.removed_at IS DISTINCT FROM OLD.removed_at THEN
                    RAISE EXCEPTION 'evidence % was removed', OLD.id USING ERRCODE = 'insufficient_privilege';
                  END IF;
                  RETURN NEW;
                END
                $$;
                CREATE TRIGGER evidence_upload_fixed BEFORE UPDATE ON evidence FOR EACH ROW EXECUTE FUNCTION evidence_upload_fixed();
                REVOKE DELETE, TRUNCATE ON evidence FROM compliance_app;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER evidence_upload_fixed ON evidence; DROP FUNCTION evidence_upload_fixed();");
            migrationBuilder.DropCheckConstraint(
                name: "ck_tenants_max_evidence_bytes",
                table: "tenants");

            migrationBuilder.DropIndex(
                name: "ux_evidence_slot_sha256",
                table: "evidence");

            migrationBuilder.DropCheckConstraint(
                name: "ck_evidence_approved_immutable",
                table: "evidence");

            migrationBuilder.DropCheckConstraint(
                name: "ck_evidence_decided",
                table: "evidence");

            migrationBuilder.DropCheckConstraint(
                name: "ck_evidence_rejected_comment",
                table: "evidence");

            migrationBuilder.DropCheckConstraint(
                name: "ck_evidence_removed",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "max_evidence_bytes",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "decided_by_user_id",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "decision_comment",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "removed_by_user_id",
                table: "evidence");
        }
    }
}
