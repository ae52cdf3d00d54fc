using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.Masters;
using ComplianceOs.Domain.Notifications;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Domain.Persistence;

/// <summary>
/// The product's database. Always created for a <see cref="DbScope"/> through <see cref="ComplianceDbFactory"/>;
/// every command against a tenant or platform scope must run inside a transaction (that is where the
/// row-level-security settings are applied), which the <see cref="TenantScopeInterceptor"/> enforces.
/// </summary>
public sealed class ComplianceDb : DbContext
{
    public const string TenantFilter = "Tenant";

    public ComplianceDb(DbContextOptions<ComplianceDb> options, DbScope scope)
        : base(options)
    {
        Scope = scope;
        CurrentTenantId = scope.TenantId ?? Guid.Empty;
        IsPlatformScope = scope.IsPlatform;

        // A single-statement SaveChanges would otherwise run outside a transaction and miss the tenant setting.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;

        // A failed SaveChanges aborts the whole unit of work here (we never continue after one), so the savepoint EF
        // would wrap around each SaveChanges in our explicit transactions is two round trips for nothing — and inside
        // the audit chain lock they lengthen every writer's wait.
        Database.AutoSavepointsEnabled = false;
    }

    public DbScope Scope { get; }

    /// <summary>Read by the "Tenant" query filter; Guid.Empty matches nothing.</summary>
    internal Guid CurrentTenantId { get; }

    internal bool IsPlatformScope { get; }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<TeamsTenantBinding> TeamsTenantBindings => Set<TeamsTenantBinding>();

    public DbSet<SlackWorkspaceBinding> SlackWorkspaceBindings => Set<SlackWorkspaceBinding>();

    public DbSet<PlatformOperator> PlatformOperators => Set<PlatformOperator>();

    public DbSet<LegalEntity> LegalEntities => Set<LegalEntity>();

    public DbSet<GstRegistration> GstRegistrations => Set<GstRegistration>();

    public DbSet<AgmRecord> AgmRecords => Set<AgmRecord>();

    public DbSet<User> Users => Set<User>();

    public DbSet<UserRoleGrant> UserRoles => Set<UserRoleGrant>();

    public DbSet<EntityAccess> EntityAccess => Set<EntityAccess>();

    public DbSet<ComplianceMaster> ComplianceMasters => Set<ComplianceMaster>();

    public DbSet<DueDateExtension> DueDateExtensions => Set<DueDateExtension>();

    public DbSet<ComplianceInstance> ComplianceInstances => Set<ComplianceInstance>();

    public DbSet<WorkflowTask> WorkflowTasks => Set<WorkflowTask>();

    public DbSet<Approval> Approvals => Set<Approval>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Evidence> Evidence => Set<Evidence>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Channels.ConversationFocus> ConversationFocus => Set<Channels.ConversationFocus>();

    public DbSet<ConversationReference> ConversationReferences => Set<ConversationReference>();

    public DbSet<InboundActivity> InboundActivities => Set<InboundActivity>();

    public DbSet<Channels.Slack.SlackInboxItem> SlackInbox => Set<Channels.Slack.SlackInboxItem>();

    public DbSet<Channels.Slack.SlackInstallation> SlackInstallations => Set<Channels.Slack.SlackInstallation>();

    public DbSet<Channels.Slack.SlackInstallLink> SlackInstallLinks => Set<Channels.Slack.SlackInstallLink>();

    public DbSet<Knowledge.KnowledgeDocument> KnowledgeDocuments => Set<Knowledge.KnowledgeDocument>();

    public DbSet<Knowledge.KnowledgeChunk> KnowledgeChunks => Set<Knowledge.KnowledgeChunk>();

    public DbSet<Knowledge.AssistantFeedback> AssistantFeedback => Set<Knowledge.AssistantFeedback>();

    public DbSet<Instances.Generate.GenerationMark> GenerationMarks => Set<Instances.Generate.GenerationMark>();

    public DbSet<Notifications.Reminders.ReminderSettings> ReminderSettings => Set<Notifications.Reminders.ReminderSettings>();

    public DbSet<Portal.PortalCredential> PortalCredentials => Set<Portal.PortalCredential>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ComplianceDb).Assembly);

        modelBuilder.Entity<Tenant>().HasQueryFilter(TenantFilter, t => IsPlatformScope || t.Id == CurrentTenantId);
        modelBuilder.Entity<ComplianceMaster>().HasQueryFilter(TenantFilter, m => m.TenantId == null || m.TenantId == CurrentTenantId);
        modelBuilder.Entity<Portal.PortalCredential>().HasQueryFilter(TenantFilter, c => IsPlatformScope || c.TenantId == CurrentTenantId);
        modelBuilder.Entity<Knowledge.KnowledgeDocument>().HasQueryFilter(TenantFilter, d => d.TenantId == null || d.TenantId == CurrentTenantId);
        modelBuilder.Entity<Knowledge.KnowledgeChunk>().HasQueryFilter(TenantFilter, c => c.TenantId == null || c.TenantId == CurrentTenantId);
        ApplyTenantFilter<TeamsTenantBinding>(modelBuilder);
        ApplyTenantFilter<SlackWorkspaceBinding>(modelBuilder);
        ApplyTenantFilter<LegalEntity>(modelBuilder);
        ApplyTenantFilter<GstRegistration>(modelBuilder);
        ApplyTenantFilter<AgmRecord>(modelBuilder);
        ApplyTenantFilter<User>(modelBuilder);
        ApplyTenantFilter<UserRoleGrant>(modelBuilder);
        ApplyTenantFilter<EntityAccess>(modelBuilder);
        ApplyTenantFilter<DueDateExtension>(modelBuilder);
        ApplyTenantFilter<ComplianceInstance>(modelBuilder);
        ApplyTenantFilter<WorkflowTask>(modelBuilder);
        ApplyTenantFilter<Approval>(modelBuilder);
        ApplyTenantFilter<Comment>(modelBuilder);
        ApplyTenantFilter<Evidence>(modelBuilder);
        ApplyTenantFilter<AuditEntry>(modelBuilder);
        ApplyTenantFilter<Notification>(modelBuilder);
        ApplyTenantFilter<Channels.ConversationFocus>(modelBuilder);
        ApplyTenantFilter<ConversationReference>(modelBuilder);
        ApplyTenantFilter<InboundActivity>(modelBuilder);
        ApplyTenantFilter<Channels.Slack.SlackInstallation>(modelBuilder);
        ApplyTenantFilter<Channels.Slack.SlackInstallLink>(modelBuilder);
        ApplyTenantFilter<Knowledge.AssistantFeedback>(modelBuilder);
        ApplyTenantFilter<Instances.Generate.GenerationMark>(modelBuilder);
        ApplyTenantFilter<Notifications.Reminders.ReminderSettings>(modelBuilder);
    }

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned =>
        modelBuilder.Entity<T>().HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantId);
}
