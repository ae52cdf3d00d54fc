using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace ComplianceOs.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    correlation_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    occurred_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    previous_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                    table.CheckConstraint("ck_audit_entries_hashes", "hash ~ '^[0-9a-f]{64}$' AND previous_hash ~ '^[0-9a-f]{64}$'");
                    table.CheckConstraint("ck_audit_entries_sequence", "sequence >= 1");
                });

            migrationBuilder.CreateTable(
                name: "platform_operators",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_platform_operators", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "compliance_masters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: true),
                    overrides_master_id = table.Column<Guid>(type: "uuid", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    authority = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    frequency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    due_date_rule = table.Column<string>(type: "jsonb", nullable: false),
                    applicability = table.Column<string>(type: "jsonb", nullable: false),
                    depends_on = table.Column<List<string>>(type: "text[]", nullable: false),
                    workflow_steps = table.Column<List<string>>(type: "text[]", nullable: false),
                    default_owner_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    default_approver_role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    evidence_kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    penalty_text = table.Column<string>(type: "text", nullable: true),
                    legal_basis = table.Column<string>(type: "text", nullable: true),
                    sources = table.Column<List<string>>(type: "text[]", nullable: false),
                    confidence = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compliance_masters", x => x.id);
                    table.CheckConstraint("ck_compliance_masters_override_is_tenant", "overrides_master_id IS NULL OR tenant_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_compliance_masters_compliance_masters_overrides_master_id",
                        column: x => x.overrides_master_id,
                        principalTable: "compliance_masters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_compliance_masters_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "slack_workspace_bindings",
                columns: table => new
                {
                    slack_team_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slack_workspace_bindings", x => x.slack_team_id);
                    table.ForeignKey(
                        name: "fk_slack_workspace_bindings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "teams_tenant_bindings",
                columns: table => new
                {
                    teams_tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams_tenant_bindings", x => x.teams_tenant_id);
                    table.ForeignKey(
                        name: "fk_teams_tenant_bindings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    aad_object_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    slack_user_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    preferred_channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.UniqueConstraint("ak_users_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_users_email_lower", "email = lower(email)");
                    table.ForeignKey(
                        name: "fk_users_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "legal_entities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    state_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    pan = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    cin = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    llpin = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    tan = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    pf_applicable = table.Column<bool>(type: "boolean", nullable: false),
                    esi_applicable = table.Column<bool>(type: "boolean", nullable: false),
                    professional_tax_states = table.Column<List<string>>(type: "text[]", nullable: false),
                    tax_audit_applicable = table.Column<bool>(type: "boolean", nullable: false),
                    transfer_pricing_applicable = table.Column<bool>(type: "boolean", nullable: false),
                    has_deposits_or_outstanding_loans = table.Column<bool>(type: "boolean", nullable: false),
                    has_msme_payables = table.Column<bool>(type: "boolean", nullable: false),
                    financial_year_end_month = table.Column<int>(type: "integer", nullable: false),
                    escalation_contact_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    director_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_entities", x => x.id);
                    table.UniqueConstraint("ak_legal_entities_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_legal_entities_fy_end_month", "financial_year_end_month BETWEEN 1 AND 12");
                    table.CheckConstraint("ck_legal_entities_pan", "pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$'");
                    table.CheckConstraint("ck_legal_entities_state_code", "state_code ~ '^[0-9]{2}$'");
                    table.ForeignKey(
                        name: "fk_legal_entities_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_entities_users_tenant_id_director_user_id",
                        columns: x => new { x.tenant_id, x.director_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_entities_users_tenant_id_escalation_contact_user_id",
                        columns: x => new { x.tenant_id, x.escalation_contact_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role });
                    table.CheckConstraint("ck_user_roles_role", "role IN ('Admin', 'Approver', 'Owner', 'Viewer')");
                    table.ForeignKey(
                        name: "fk_user_roles_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agm_records",
                columns: table => new
                {
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    financial_year_end = table.Column<LocalDate>(type: "date", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    held_on = table.Column<LocalDate>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agm_records", x => new { x.entity_id, x.financial_year_end });
                    table.CheckConstraint("ck_agm_records_after_fy_end", "held_on > financial_year_end");
                    table.ForeignKey(
                        name: "fk_agm_records_legal_entities_tenant_id_entity_id",
                        columns: x => new { x.tenant_id, x.entity_id },
                        principalTable: "legal_entities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "compliance_instances",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    master_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period_start = table.Column<LocalDate>(type: "date", nullable: false),
                    period_end = table.Column<LocalDate>(type: "date", nullable: false),
                    statutory_due_date = table.Column<LocalDate>(type: "date", nullable: true),
                    extended_due_date = table.Column<LocalDate>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_overdue = table.Column<bool>(type: "boolean", nullable: false),
                    is_blocked = table.Column<bool>(type: "boolean", nullable: false),
                    blocked_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    rag = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    owner_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approver_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    filing_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    filed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compliance_instances", x => x.id);
                    table.UniqueConstraint("ak_compliance_instances_tenant_id_id", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_instances_blocked_reason", "is_blocked = (blocked_reason IS NOT NULL)");
                    table.CheckConstraint("ck_instances_filed", "status <> 'Filed' OR (filing_reference IS NOT NULL AND filed_at IS NOT NULL)");
                    table.CheckConstraint("ck_instances_period", "period_end >= period_start");
                    table.CheckConstraint("ck_instances_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_compliance_instances_compliance_masters_master_id",
                        column: x => x.master_id,
                        principalTable: "compliance_masters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_compliance_instances_legal_entities_tenant_id_entity_id",
                        columns: x => new { x.tenant_id, x.entity_id },
                        principalTable: "legal_entities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_compliance_instances_users_tenant_id_approver_user_id",
                        columns: x => new { x.tenant_id, x.approver_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_compliance_instances_users_tenant_id_owner_user_id",
                        columns: x => new { x.tenant_id, x.owner_user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "entity_access",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granted_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_entity_access", x => new { x.user_id, x.entity_id });
                    table.ForeignKey(
                        name: "fk_entity_access_legal_entities_tenant_id_entity_id",
                        columns: x => new { x.tenant_id, x.entity_id },
                        principalTable: "legal_entities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_entity_access_users_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "gst_registrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    entity_id = table.Column<Guid>(type: "uuid", nullable: false),
                    gstin = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    state_code = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    regime = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gst_registrations", x => x.id);
                    table.CheckConstraint("ck_gst_registrations_gstin", "gstin ~ '^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$'");
                    table.CheckConstraint("ck_gst_registrations_state_matches", "substr(gstin, 1, 2) = state_code");
                    table.ForeignKey(
                        name: "fk_gst_registrations_legal_entities_tenant_id_entity_id",
                        columns: x => new { x.tenant_id, x.entity_id },
                        principalTable: "legal_entities",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "approvals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle = table.Column<int>(type: "integer", nullable: false),
                    requested_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    decided_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decision = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    decided_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_approvals", x => x.id);
                    table.CheckConstraint("ck_approvals_cycle", "cycle >= 1");
                    table.CheckConstraint("ck_approvals_decision_complete", "(decision IS NULL AND decided_by_user_id IS NULL AND decided_at IS NULL) OR (decision IS NOT NULL AND decided_by_user_id IS NOT NULL AND decided_at IS NOT NULL)");
                    table.CheckConstraint("ck_approvals_maker_checker", "decided_by_user_id IS NULL OR decided_by_user_id <> requested_by_user_id");
                    table.CheckConstraint("ck_approvals_reject_has_comment", "decision IS DISTINCT FROM 'Rejected' OR comment IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_approvals_compliance_instances_tenant_id_instance_id",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "comments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    author_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_comments", x => x.id);
                    table.ForeignKey(
                        name: "fk_comments_compliance_instances_tenant_id_instance_id",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    evidence_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    storage_key = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    parent_evidence_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approval_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    is_immutable = table.Column<bool>(type: "boolean", nullable: false),
                    uploaded_by_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    uploaded_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence", x => x.id);
                    table.CheckConstraint("ck_evidence_sha256", "sha256 ~ '^[0-9a-f]{64}$'");
                    table.CheckConstraint("ck_evidence_size", "size_bytes > 0");
                    table.CheckConstraint("ck_evidence_version", "version >= 1");
                    table.ForeignKey(
                        name: "fk_evidence_compliance_instances_tenant_id_instance_id",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evidence_evidence_parent_evidence_id",
                        column: x => x.parent_evidence_id,
                        principalTable: "evidence",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    recipient_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cycle = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    created_at = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_compliance_instances_tenant_id_instance_id",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workflow_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_number = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assignee_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_at = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workflow_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_workflow_tasks_compliance_instances_tenant_id_instance_id",
                        columns: x => new { x.tenant_id, x.instance_id },
                        principalTable: "compliance_instances",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agm_records_tenant_id_entity_id",
                table: "agm_records",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_approvals_instance_id_cycle",
                table: "approvals",
                columns: new[] { "instance_id", "cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_approvals_tenant_id_instance_id",
                table: "approvals",
                columns: new[] { "tenant_id", "instance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_tenant_id_sequence",
                table: "audit_entries",
                columns: new[] { "tenant_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_tenant_id_target_type_target_id",
                table: "audit_entries",
                columns: new[] { "tenant_id", "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_comments_instance_id_created_at",
                table: "comments",
                columns: new[] { "instance_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_comments_tenant_id_instance_id",
                table: "comments",
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
                name: "ix_compliance_instances_tenant_id_approver_user_id",
                table: "compliance_instances",
                columns: new[] { "tenant_id", "approver_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_tenant_id_entity_id",
                table: "compliance_instances",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_tenant_id_owner_user_id",
                table: "compliance_instances",
                columns: new[] { "tenant_id", "owner_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_instances_tenant_id_status",
                table: "compliance_instances",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_compliance_masters_overrides_master_id",
                table: "compliance_masters",
                column: "overrides_master_id");

            migrationBuilder.CreateIndex(
                name: "ix_compliance_masters_tenant_id_code",
                table: "compliance_masters",
                columns: new[] { "tenant_id", "code" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_entity_access_tenant_id_entity_id",
                table: "entity_access",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_entity_access_tenant_id_user_id",
                table: "entity_access",
                columns: new[] { "tenant_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_instance_id_evidence_kind_version",
                table: "evidence",
                columns: new[] { "instance_id", "evidence_kind", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_parent_evidence_id",
                table: "evidence",
                column: "parent_evidence_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_storage_key",
                table: "evidence",
                column: "storage_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_tenant_id_instance_id",
                table: "evidence",
                columns: new[] { "tenant_id", "instance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gst_registrations_tenant_id_entity_id",
                table: "gst_registrations",
                columns: new[] { "tenant_id", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_gst_registrations_tenant_id_gstin",
                table: "gst_registrations",
                columns: new[] { "tenant_id", "gstin" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_entities_tenant_id_director_user_id",
                table: "legal_entities",
                columns: new[] { "tenant_id", "director_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_entities_tenant_id_escalation_contact_user_id",
                table: "legal_entities",
                columns: new[] { "tenant_id", "escalation_contact_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_entities_tenant_id_name",
                table: "legal_entities",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_instance_id_stage_recipient_user_id_cycle",
                table: "notifications",
                columns: new[] { "instance_id", "stage", "recipient_user_id", "cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_status_created_at",
                table: "notifications",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_instance_id",
                table: "notifications",
                columns: new[] { "tenant_id", "instance_id" });

            migrationBuilder.CreateIndex(
                name: "ix_platform_operators_email",
                table: "platform_operators",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_slack_workspace_bindings_tenant_id",
                table: "slack_workspace_bindings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_tenant_bindings_tenant_id",
                table: "teams_tenant_bindings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenants_name",
                table: "tenants",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_tenant_id_user_id",
                table: "user_roles",
                columns: new[] { "tenant_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_users_tenant_id_aad_object_id",
                table: "users",
                columns: new[] { "tenant_id", "aad_object_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_tenant_id_email",
                table: "users",
                columns: new[] { "tenant_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_tenant_id_slack_user_id",
                table: "users",
                columns: new[] { "tenant_id", "slack_user_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_instance_id_step_number",
                table: "workflow_tasks",
                columns: new[] { "instance_id", "step_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workflow_tasks_tenant_id_instance_id",
                table: "workflow_tasks",
                columns: new[] { "tenant_id", "instance_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agm_records");

            migrationBuilder.DropTable(
                name: "approvals");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "comments");

            migrationBuilder.DropTable(
                name: "entity_access");

            migrationBuilder.DropTable(
                name: "evidence");

            migrationBuilder.DropTable(
                name: "gst_registrations");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "platform_operators");

            migrationBuilder.DropTable(
                name: "slack_workspace_bindings");

            migrationBuilder.DropTable(
                name: "teams_tenant_bindings");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "workflow_tasks");

            migrationBuilder.DropTable(
                name: "compliance_instances");

            migrationBuilder.DropTable(
                name: "compliance_masters");

            migrationBuilder.DropTable(
                name: "legal_entities");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "tenants");
        }
    }
}
