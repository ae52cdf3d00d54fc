using System.Text.Json;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Parsing;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.Domain.Channels;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.EvidenceVault.Links;
using ComplianceOs.Domain.EvidenceVault.Remove;
using ComplianceOs.Domain.EvidenceVault.Review;
using ComplianceOs.Domain.EvidenceVault.Upload;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using ComplianceOs.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplianceOs.BotHost.Conversation.Evidence;

/// <summary>
/// A file dropped in chat becomes evidence of one obligation's slot. Which obligation: the one the message names
/// ("ARN acknowledgement for gstr-3b march"), else the one the conversation was last about, else the person
/// chooses from their open work. Which slot: the one the message names, else the one being replaced, else the
/// person chooses. Nothing is attached to a guess; the choice cards carry the file's reference, so the click
/// attaches it. Then the receipt, and the buttons on it: submit, replace, remove, download.
/// </summary>
public sealed class EvidenceTurns(
    ComplianceDbFactory dbs,
    FileSources sources,
    UploadEvidenceHandler upload,
    RemoveEvidenceHandler remove,
    VerifyEvidenceHandler verify,
    IssueEvidenceLinkHandler links,
    ConversationFocusStore focus,
    ObligationCards obligations,
    TimeProvider clock)
{
    /// <summary>Files sent with a message (and its words, which may name the obligation and slot).</summary>
    public async Task<ConversationReply> ReceiveAsync(ResolvedIdentity identity, IReadOnlyList<IncomingFile> files, string text, string? correlationId, string? viewerId, CancellationToken ct)
    {
        var file = files[0];
        var note = files.Count > 1 ? $"I took {file.Name}; please send the other {files.Count - 1} one at a time, so each goes to the right place." : null;
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb[identity.TimeZone]).Date;
        var parsed = string.IsNullOrWhiteSpace(text) ? null : MessageParser.Parse(text, today);
        Guid? instanceId = null;
        string? kind = null;
        if (parsed is { ObligationCodes.Count: > 0 })
        {
            // The slot's words ("ARN acknowledgement", "mtr6 challan") can read as an entity name: without it, then.
            instanceId = (await obligations.FindOneAsync(identity, parsed, ct)).InstanceId
                ?? (parsed.EntityHint is null ? null : (await obligations.FindOneAsync(identity, parsed with { EntityHint = null }, ct)).InstanceId);
        }
        else if (await focus.RecallAsync(identity.TenantId, identity.User!.Id, ct) is { } recalled)
        {
            instanceId = recalled.InstanceId;
            kind = recalled.EvidenceKind;
        }

        if (instanceId is not { } id)
        {
            return ConversationReply.ForAsker(await InstanceChoiceAsync(identity, file, parsed, note, ct));
        }

        var slots = await SlotsAsync(identity, id, ct);
        if (slots is null)
        {
            return ConversationReply.ForAsker(await InstanceChoiceAsync(identity, file, parsed, note, ct));
        }

        kind = EvidenceKinds.Read(text, slots.Value.Slots) ?? (kind is not null && slots.Value.Slots.Contains(kind) ? kind : null);
        if (kind is null)
        {
            return ConversationReply.ForAsker(EvidenceCards.SlotChoice(file, id, slots.Value.Describe, slots.Value.Slots, note));
        }

        var receipt = await AttachAsync(identity, file, id, kind, correlationId, ct);
        return ConversationReply.ForAsker(note is null ? receipt : receipt with { Blocks = [.. receipt.Blocks, new TextBlock(note)] });
    }

    /// <summary>An evidence button; null when it is not one of ours or its data does not fit.</summary>
    public async Task<Card?> ActAsync(ResolvedIdentity identity, string verb, JsonElement data, string? correlationId, string? viewerId, CancellationToken ct)
    {
        var user = identity.User!;
        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), identity.Channel, correlationId);
        switch (verb)
        {
            case EvidenceVerbs.Attach when Id(data, EvidenceVerbs.InstanceKey) is { } instanceId
                && Text(data, EvidenceVerbs.SourceKey) is { } src && Text(data, EvidenceVerbs.ReferenceKey) is { } reference:
                var file = new IncomingFile(Text(data, EvidenceVerbs.NameKey) ?? "file", src, reference);
                if (Text(data, EvidenceVerbs.KindKey) is { } chosen)
                {
                    return await AttachAsync(identity, file, instanceId, chosen, correlationId, ct);
                }

                var slots = await SlotsAsync(identity, instanceId, ct);
                return slots is null ? null : EvidenceCards.SlotChoice(file, instanceId, slots.Value.Describe, slots.Value.Slots, null);
            case EvidenceVerbs.Replace when Id(data, EvidenceVerbs.InstanceKey) is { } instanceId && Text(data, EvidenceVerbs.KindKey) is { } kind:
                if (await SlotsAsync(identity, instanceId, ct) is not { } known || !known.Slots.Contains(kind))
                {
                    return null;
                }

                await focus.RememberAsync(identity.TenantId, user.Id, instanceId, kind, ct);
                return EvidenceCards.Sentence("Replace", $"Send the new file here now: it becomes the next version of {EvidenceKinds.Label(kind)} for {known.Describe}. The earlier versions stay as they are.");
            case EvidenceVerbs.Remove when Id(data, EvidenceVerbs.EvidenceKey) is { } evidenceId:
                var removed = await remove.HandleAsync(ctx, new RemoveEvidenceCommand(evidenceId), ct);
                return removed.Succeeded
                    ? EvidenceCards.Sentence("Removed", $"{removed.Value!.FileName} (v{removed.Value.Version}) was removed. It stays in the audit trail; it is no longer offered as proof.")
                    : EvidenceCards.Refused("Not removed", removed.Errors[0]);
            case EvidenceVerbs.Link when Id(data, EvidenceVerbs.EvidenceKey) is { } evidenceId:
                var link = await links.HandleAsync(ctx, new IssueEvidenceLinkCommand(evidenceId), ct);
                return link.Succeeded ? EvidenceCards.Download(link.Value!, identity.TimeZone) : EvidenceCards.Refused("No link", link.Errors[0]);
            case EvidenceVerbs.Verify or EvidenceVerbs.Reject when Id(data, EvidenceVerbs.EvidenceKey) is { } evidenceId:
                var decided = await verify.HandleAsync(ctx, new VerifyEvidenceCommand(evidenceId, verb == EvidenceVerbs.Verify, Text(data, Workflow.WorkflowButtons.CommentInput)), ct);
                if (!decided.Succeeded)
                {
                    return EvidenceCards.Refused(verb == EvidenceVerbs.Verify ? "Not verified" : "Not rejected", decided.Errors[0]);
                }

                var card = await obligations.ByIdAsync(identity, decided.Value!.InstanceId, viewerId, ct);
                var badge = new StatusBadge(verb == EvidenceVerbs.Verify ? StatusTone.Good : StatusTone.Attention,
                    $"{decided.Value.FileName} (v{decided.Value.Version}) {(verb == EvidenceVerbs.Verify ? "verified: approved and now immutable" : $"rejected: {decided.Value.DecisionComment}")}");
                return card is null ? new Card([badge]) : card with { Blocks = [badge, .. card.Blocks] };
            default:
                return null;
        }
    }

    private async Task<Card> AttachAsync(ResolvedIdentity identity, IncomingFile file, Guid instanceId, string kind, string? correlationId, CancellationToken ct)
    {
        var user = identity.User!;
        await using var fetched = await sources.OpenAsync(identity, file, ct);
        if (fetched.Content is null)
        {
            return EvidenceCards.Sentence("Not stored", $"I could not get {file.Name}: {fetched.Problem}. Please send it again.");
        }

        var ctx = new CommandContext(identity.TenantId, Actor.User(user.Id, user.Name), identity.Channel, correlationId);
        var result = await upload.HandleAsync(ctx, new UploadEvidenceCommand(instanceId, kind, fetched.Name ?? file.Name, fetched.Content), ct);
        if (!result.Succeeded)
        {
            return EvidenceCards.Refused($"{file.Name} was not stored", result.Errors[0]);
        }

        await focus.RememberAsync(identity.TenantId, user.Id, instanceId, null, ct);
        var status = await InstanceStateAsync(identity, instanceId, ct);
        return EvidenceCards.Receipt(result.Value!, status.Instance, user, status.Version);
    }

    private async Task<(ComplianceInstance Instance, int Version)> InstanceStateAsync(ResolvedIdentity identity, Guid instanceId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var i = await db.ComplianceInstances.AsNoTracking().SingleAsync(x => x.Id == instanceId, ct);
        return (i, i.Version);
    }

    /// <summary>The obligation's slots and its name, if the person can see it.</summary>
    private async Task<(IReadOnlyList<string> Slots, string Describe)?> SlotsAsync(ResolvedIdentity identity, Guid instanceId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var visible = AccessGuard.VisibleEntityIds(db, identity.User!.Id);
        var row = await db.ComplianceInstances.Where(i => i.Id == instanceId && visible.Contains(i.EntityId))
            .Join(db.ComplianceMasters, i => i.MasterId, m => m.Id, (i, m) => new { m.Code, m.EvidenceKinds, i.PeriodKey })
            .SingleOrDefaultAsync(ct);
        return row is null ? null : (EvidenceKinds.SlotsFor(row.EvidenceKinds), $"{row.Code} {row.PeriodKey}");
    }

    /// <summary>The person's open work (theirs to prepare or approve), the obligations the message named first.</summary>
    private async Task<Card> InstanceChoiceAsync(ResolvedIdentity identity, IncomingFile file, ParsedMessage? parsed, string? note, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(identity.TenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var me = identity.User!.Id;
        var visible = AccessGuard.VisibleEntityIds(db, me);
        var codes = parsed?.ObligationCodes.ToList() ?? [];
        var rows = await db.ComplianceInstances
            .Where(i => visible.Contains(i.EntityId) && i.Status != InstanceStatus.Filed && (i.OwnerUserId == me || i.ApproverUserId == me))
            .Join(db.ComplianceMasters, i => i.MasterId, m => m.Id, (i, m) => new { i, m })
            .Join(db.LegalEntities, x => x.i.EntityId, e => e.Id, (x, e) => new { x.i.Id, x.m.Code, x.i.PeriodKey, Due = x.i.ExtendedDueDate ?? x.i.StatutoryDueDate, Entity = e.Name })
            .ToListAsync(ct);
        var ordered = rows
            .OrderByDescending(r => codes.Contains(r.Code))
            .ThenBy(r => r.Due ?? LocalDate.MaxIsoValue)
            .Take(8)
            .Select(r => (r.Id, Label: $"{r.Code} {r.PeriodKey} — {r.Entity}", Due: r.Due))
            .ToList();
        return EvidenceCards.InstanceChoice(file, ordered, note);
    }

    private static string? Text(JsonElement data, string key) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static Guid? Id(JsonElement data, string key) => Guid.TryParse(Text(data, key), out var id) ? id : null;
}
