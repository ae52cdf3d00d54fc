using ComplianceOs.Domain.Audit;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.RecordAgm;
using ComplianceOs.Domain.Entities.SetEntityContacts;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.People.GrantEntityAccess;
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
        services.AddSingleton<DemoSeed>();
        return services;
    }

    private static void AddTenancy(IServiceCollection services)
    {
        services.AddSingleton<CreateTenantHandler>();
        services.AddSingleton<CreatePlatformOperatorHandler>();
    }

    private static void AddEntities(IServiceCollection services)
    {
        services.AddSingleton<CreateLegalEntityHandler>();
        services.AddSingleton<SetEntityContactsHandler>();
        services.AddSingleton<RecordAgmHandler>();
    }

    private static void AddPeople(IServiceCollection services)
    {
        services.AddSingleton<CreateUserHandler>();
        services.AddSingleton<GrantEntityAccessHandler>();
    }
}
