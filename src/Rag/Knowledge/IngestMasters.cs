using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Persistence;
using ComplianceOs.Rag.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace ComplianceOs.Rag.Knowledge;

/// <summary>Ingests every active global compliance master (run by the set-up after the catalog is seeded).</summary>
public sealed class IngestMasters(ComplianceDbFactory dbs, KnowledgeIngestor ingestor)
{
    public async Task<IReadOnlyDictionary<IngestOutcome, int>> RunAsync(Actor actor, Channel channel, CancellationToken ct = default)
    {
        List<Domain.Masters.ComplianceMaster> masters;
        await using (var db = dbs.ForPlatform())
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            masters = await db.ComplianceMasters.AsNoTracking().Where(m => m.TenantId == null && m.IsActive).OrderBy(m => m.Code).ToListAsync(ct);
        }

        var outcomes = Enum.GetValues<IngestOutcome>().ToDictionary(o => o, _ => 0);
        foreach (var master in masters)
        {
            outcomes[(await ingestor.IngestAsync(MasterDocuments.From(master), actor, channel, ct)).Outcome]++;
        }

        return outcomes;
    }
}
