using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.PreviewObligations;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.Entities.SetEntityContacts;
using ComplianceOs.Domain.Entities.UpdateLegalEntity;
using ComplianceOs.Domain.Instances.Create;
using ComplianceOs.Domain.Instances.Extensions;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.Instances.Recompute;
using ComplianceOs.Domain.Instances.Workflow;
using ComplianceOs.Domain.Masters.PreviewDueDates;
using ComplianceOs.Domain.Masters.RetireCustomMaster;
using ComplianceOs.Domain.Masters.SaveCustomMaster;
using ComplianceOs.Domain.Masters.SeedCatalog;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.People.GrantEntityAccess;
using ComplianceOs.Domain.People.RevokeEntityAccess;
using ComplianceOs.Domain.People.UpdateUser;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Domain.Seeding;
using ComplianceOs.Domain.Tenancy.CreatePlatformOperator;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ComplianceOs.Domain;

public static class DomainModule
{
    /// <summary>Registers the database factory, the audit log and every command handler.</summary>
    /// <param name="connectionString">The application role's connection string (not the schema owner's).</param>
    public static IServiceCollection AddDomainModule(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new ComplianceDbFactory(connectionString));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditChainVerifier>();
        AddTenancy(services);
        AddEntities(services);
        AddPeople(services);
        AddMasters(services);
        AddInstances(services);
        services.AddSingleton<ConversationFocusStore>();
        services.AddSingleton<TeamsIdentityResolver>();
        services.AddSingleton<RecordConversation>();
        services.AddSingleton<InboundDedupe>();
        services.AddSingleton<Channels.Slack.SlackInbox>();
        services.AddSingleton<Channels.Slack.SlackIdentityResolver>();
        services.AddSingleton<DemoProgress>();
        services.AddSingleton<DemoSeed>();
        return services;
    }

    private static void AddTenancy(IServiceCollection services)
    {
        services.AddSingleton<CreateTenantHandler>();
        services.AddSingleton<CreatePlatformOperatorHandler>();
        services.AddSingleton<Tenancy.DeactivateTenant.DeactivateTenantHandler>();
        services.AddSingleton<Tenancy.AddTeamsTenantId.AddTeamsTenantIdHandler>();
        services.AddSingleton<Tenancy.RemoveTeamsTenantId.RemoveTeamsTenantIdHandler>();
    }

    private static void AddEntities(IServiceCollection services)
    {
        services.AddSingleton<CreateLegalEntityHandler>();
        services.AddSingleton<SetEntityContactsHandler>();
        services.AddSingleton<RecordAgmHandler>();
        services.AddSingleton<UpdateLegalEntityHandler>();
        services.AddSingleton<PreviewObligationsHandler>();
    }

    private static void AddMasters(IServiceCollection services)
    {
        services.AddSingleton<SeedCatalogHandler>();
        services.AddSingleton<SaveCustomMasterHandler>();
        services.AddSingleton<RetireCustomMasterHandler>();
        services.AddSingleton<PreviewDueDatesHandler>();
    }

    private static void AddInstances(IServiceCollection services)
    {
        services.AddSingleton<RecomputeStatus>();
        services.AddSingleton<RecomputeTenantHandler>();
        services.AddSingleton<GenerateInstancesHandler>();
        services.AddSingleton<GenerateAheadHandler>();
        services.AddSingleton<GenerateForEntityHandler>();
        services.AddSingleton<Notifications.Reminders.SweepRemindersHandler>();
        services.AddSingleton<Notifications.Reminders.SweepAllTenantsHandler>();
        services.AddSingleton<Notifications.Reminders.SetReminderSettingsHandler>();
        services.AddSingleton<Notifications.Reminders.SnoozeReminderHandler>();
        services.AddSingleton<Notifications.Digests.QueueDigestsHandler>();
        services.AddSingleton<CreateInstanceHandler>();
        services.AddSingleton<RecordExtensionHandler>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<StartWorkHandler>();
        services.AddSingleton<SubmitForApprovalHandler>();
        services.AddSingleton<DecideHandler>();
        services.AddSingleton<FileReturnHandler>();
        services.AddSingleton<BlockWorkHandler>();
        services.AddSingleton<AddCommentHandler>();
        services.AddSingleton<ReassignHandler>();
    }

    private static void AddPeople(IServiceCollection services)
    {
        services.AddSingleton<CreateUserHandler>();
        services.AddSingleton<GrantEntityAccessHandler>();
        services.AddSingleton<UpdateUserHandler>();
        services.AddSingleton<RevokeEntityAccessHandler>();
        services.AddSingleton<Knowledge.RateAnswer.RateAnswerHandler>();
    }
}
