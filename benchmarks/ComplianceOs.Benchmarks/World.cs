using System.Diagnostics;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Entities.CreateLegalEntity;
using ComplianceOs.Domain.Entities.SetEntityContacts;
using ComplianceOs.Domain.Entities.Identifiers;
using ComplianceOs.Domain.Instances.Generate;
using ComplianceOs.Domain.People.CreateUser;
using ComplianceOs.Domain.Tenancy.CreateTenant;
using Microsoft.Extensions.DependencyInjection;

namespace ComplianceOs.Benchmarks;

public sealed record BenchTenant(int Index, Guid TenantId, int FirstEntity, IReadOnlyList<Guid> EntityIds)
{
    public CommandContext System => new(TenantId, Actor.System("bench"), Channel.Cli, "bench");
}

/// <summary>
/// Creates the benchmark's tenants through the application's own commands (as the app role, under RLS): each tenant
/// gets its entities, an admin, an owner and an approver, the last three granted every entity of the tenant.
/// </summary>
public sealed class World(IServiceProvider services)
{
    /// <summary>The generation window the benchmarks build: one financial year (FY 2025-26), generated as of its last day.</summary>
    public static readonly NodaTime.LocalDate WindowFrom = new(2025, 4, 1);

    public static readonly NodaTime.LocalDate WindowTo = new(2026, 3, 31);

    public static readonly NodaTime.LocalDate WindowToday = new(2026, 3, 31);

    /// <summary>
    /// Ten entity profiles, assigned round-robin by the entity's global number, so any run has the same mix.
    /// State codes: 27 Maharashtra, 29 Karnataka, 24 Gujarat, 07 Delhi, 33 Tamil Nadu, 19 West Bengal.
    /// </summary>
    public static readonly IReadOnlyList<EntityProfile> Profiles =
    [
        new("manufacturer (Pvt, monthly GST, TAN, PF, ESI, PT-MH, tax audit, MSME, deposits)", "PrivateLimited", "27", "Monthly", null, Tan: true, Pf: true, Esi: true, Pt: ["27"], TaxAudit: true, Tp: false, Deposits: true, Msme: true, Turnover: 120m),
        new("services (Pvt, monthly GST, TAN, PF, PT-KA, tax audit)", "PrivateLimited", "29", "Monthly", null, Tan: true, Pf: true, Esi: false, Pt: ["29"], TaxAudit: true, Tp: false, Deposits: false, Msme: false, Turnover: 40m),
        new("consulting LLP (QRMP GST, TAN, PT-KA)", "Llp", "29", "Qrmp", null, Tan: true, Pf: false, Esi: false, Pt: ["29"], TaxAudit: false, Tp: false, Deposits: false, Msme: false, Turnover: 3m),
        new("trader (Pvt, monthly GST, TAN, tax audit)", "PrivateLimited", "24", "Monthly", null, Tan: true, Pf: false, Esi: false, Pt: [], TaxAudit: true, Tp: false, Deposits: false, Msme: false, Turnover: 8m),
        new("small LLP (QRMP GST, no TAN)", "Llp", "27", "Qrmp", null, Tan: false, Pf: false, Esi: false, Pt: [], TaxAudit: false, Tp: false, Deposits: false, Msme: false, Turnover: 1.5m),
        new("listed group (Public, monthly GST in MH+KA, TAN, PF, ESI, PT-MH, audit, TP, MSME, deposits)", "PublicLimited", "27", "Monthly", "29", Tan: true, Pf: true, Esi: true, Pt: ["27"], TaxAudit: true, Tp: true, Deposits: true, Msme: true, Turnover: 900m),
        new("startup (Pvt, QRMP GST, TAN)", "PrivateLimited", "07", "Qrmp", null, Tan: true, Pf: false, Esi: false, Pt: [], TaxAudit: false, Tp: false, Deposits: false, Msme: false, Turnover: 4m),
        new("IT exporter (Pvt, monthly GST, TAN, PF, ESI, tax audit, TP)", "PrivateLimited", "33", "Monthly", null, Tan: true, Pf: true, Esi: true, Pt: [], TaxAudit: true, Tp: true, Deposits: false, Msme: false, Turnover: 60m),
        new("holding LLP (no GST, TAN)", "Llp", "24", null, null, Tan: true, Pf: false, Esi: false, Pt: [], TaxAudit: false, Tp: false, Deposits: false, Msme: false, Turnover: null),
        new("distributor (Pvt, monthly GST, TAN, PF, PT-MH+KA, audit, MSME)", "PrivateLimited", "19", "Monthly", null, Tan: true, Pf: true, Esi: false, Pt: ["27", "29"], TaxAudit: true, Tp: false, Deposits: false, Msme: true, Turnover: 25m),
    ];

    /// <summary>How many of <paramref name="entities"/> the tenant with this index gets: spread evenly, the first ones one more.</summary>
    public static int EntitiesOf(int entities, int tenants, int tenantIndex) =>
        (entities / tenants) + (tenantIndex < entities % tenants ? 1 : 0);

    /// <summary>
    /// Creates tenants <c>Bench Tenant 00001</c>… with <paramref name="entities"/> spread evenly over them,
    /// <paramref name="parallel"/> at a time; entity numbers (profiles, identifiers) run on from 0 in tenant order.
    /// </summary>
    public async Task<BenchTenant[]> CreateTenantsAsync(int tenants, int entities, int parallel, bool contacts = false)
    {
        var created = new BenchTenant[tenants];
        var firstEntity = new int[tenants];
        for (var i = 1; i < tenants; i++)
        {
            firstEntity[i] = firstEntity[i - 1] + EntitiesOf(entities, tenants, i - 1);
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, tenants),
            new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => created[i] = await CreateTenantAsync(i, $"Bench Tenant {i + 1:D5}", firstEntity[i], EntitiesOf(entities, tenants, i), contacts));
        return created;
    }

    /// <summary>
    /// One <see cref="GenerateInstancesHandler"/> call per tenant for the window, <paramref name="parallel"/> tenants
    /// at a time (each call generates and recomputes its tenant in its own transaction, as the job does).
    /// </summary>
    public static async Task<GenerationRun> GenerateAllAsync(
        IReadOnlyList<BenchTenant> tenants, GenerateInstancesHandler handler, GenerateInstancesCommand command, int parallel, CancellationToken ct = default)
    {
        var ms = new double[tenants.Count];
        int candidates = 0, created = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, tenants.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct },
            async (i, token) =>
            {
                var t = tenants[i];
                var sw = Stopwatch.StartNew();
                var r = await handler.HandleAsync(t.System, command, token);
                ms[i] = sw.Elapsed.TotalMilliseconds;
                if (!r.Succeeded)
                {
                    throw new InvalidOperationException($"generation failed for tenant {t.Index}: {r}");
                }

                Interlocked.Add(ref candidates, r.Value!.Candidates);
                Interlocked.Add(ref created, r.Value.Created);
            });
        return new GenerationRun(candidates, created, ms);
    }

    /// <param name="firstEntity">Global number of the tenant's first entity (decides profiles and identifiers).</param>
    /// <param name="contacts">Also name the approver each entity's escalation contact and the admin its director
    /// (so every stage of the default escalation matrix has a recipient).</param>
    public async Task<BenchTenant> CreateTenantAsync(int index, string name, int firstEntity, int entities, bool contacts = false)
    {
        var tenant = Ok(await services.GetRequiredService<CreateTenantHandler>().HandleAsync(
            new PlatformContext(Actor.System("bench"), Channel.Cli, "bench"),
            new CreateTenantCommand(name)), $"tenant {name}");
        var ctx = new CommandContext(tenant.Id, Actor.System("bench"), Channel.Cli, "bench");
        var createEntity = services.GetRequiredService<CreateLegalEntityHandler>();
        var ids = new List<Guid>(entities);
        for (var e = 0; e < entities; e++)
        {
            var g = firstEntity + e;
            var cmd = EntityCommand(g, $"{name} entity {e + 1:D3}");
            ids.Add(Ok(await createEntity.HandleAsync(ctx, cmd), $"entity {cmd.Name}").Id);
        }

        var createUser = services.GetRequiredService<CreateUserHandler>();
        var tag = $"t{index:D5}";
        var users = new Dictionary<string, Guid>();
        foreach (var (role, person) in new[] { ("Admin", "Anita Admin"), ("Owner", "Priya Owner"), ("Approver", "Rahul Approver") })
        {
            users[role] = Ok(await createUser.HandleAsync(ctx, new CreateUserCommand(
                $"{person} {tag}", $"{role.ToLowerInvariant()}.{tag}@bench.example", [role], EntityIds: ids)), $"user {role} of {name}").Id;
        }

        if (contacts)
        {
            var setContacts = services.GetRequiredService<SetEntityContactsHandler>();
            foreach (var id in ids)
            {
                Ok(await setContacts.HandleAsync(ctx, new SetEntityContactsCommand(id, users["Approver"], users["Admin"])), $"contacts of an entity of {name}");
            }
        }

        return new BenchTenant(index, tenant.Id, firstEntity, ids);
    }

    /// <summary>A valid entity of profile <c>g % 10</c> with identifiers unique to <paramref name="g"/>.</summary>
    public static CreateLegalEntityCommand EntityCommand(int g, string name)
    {
        var p = Profiles[g % Profiles.Count];
        var isCompany = p.Kind is "PrivateLimited" or "PublicLimited";
        var pan = $"AA{Letter(g / 10000)}{(isCompany ? 'C' : 'F')}B{g % 10000:D4}{Letter(g)}";
        var gstins = new List<GstinInput>();
        if (p.GstRegime is not null)
        {
            gstins.Add(new GstinInput(Gstin(p.State, pan), p.GstRegime));
            if (p.SecondGstState is not null)
            {
                gstins.Add(new GstinInput(Gstin(p.SecondGstState, pan), p.GstRegime));
            }
        }

        return new CreateLegalEntityCommand(
            Name: name,
            Kind: p.Kind,
            State: p.State,
            Pan: pan,
            Cin: isCompany ? $"U74999MH2015PTC{g % 1_000_000:D6}" : null,
            Llpin: p.Kind == "Llp" ? $"AA{Letter(g / 10000)}-{g % 10000:D4}" : null,
            Tan: p.Tan ? $"MUMB{g % 100_000:D5}{Letter(g / 7)}" : null,
            Gstins: gstins,
            PfApplicable: p.Pf,
            EsiApplicable: p.Esi,
            ProfessionalTaxStates: p.Pt,
            TaxAuditApplicable: p.TaxAudit,
            TransferPricingApplicable: p.Tp,
            HasDepositsOrOutstandingLoans: p.Deposits,
            HasMsmePayables: p.Msme,
            AnnualTurnoverCrore: p.Turnover);
    }

    private static string Gstin(string state, string pan)
    {
        var body = $"{state}{pan}1Z";
        return body + IdentifierRules.GstinCheckCharacter(body);
    }

    private static char Letter(int n) => (char)('A' + (n % 26));

    private static T Ok<T>(CommandResult<T> result, string what) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException($"setup failed: {what}: {result}");
}

/// <param name="PerTenantMs">Wall time of each tenant's call, by tenant position.</param>
public sealed record GenerationRun(int Candidates, int Created, double[] PerTenantMs);

public sealed record EntityProfile(
    string Label,
    string Kind,
    string State,
    string? GstRegime,
    string? SecondGstState,
    bool Tan,
    bool Pf,
    bool Esi,
    IReadOnlyList<string> Pt,
    bool TaxAudit,
    bool Tp,
    bool Deposits,
    bool Msme,
    decimal? Turnover);
