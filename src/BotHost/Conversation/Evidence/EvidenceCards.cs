using System.Globalization;
using ComplianceOs.BotHost.Cards;
using ComplianceOs.BotHost.Conversation.Status;
using ComplianceOs.BotHost.Conversation.Workflow;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.EvidenceVault;
using ComplianceOs.Domain.EvidenceVault.Links;
using ComplianceOs.Domain.EvidenceVault.Upload;
using ComplianceOs.Domain.Instances;
using ComplianceOs.Domain.People;
using NodaTime;
using NodaTime.Text;

namespace ComplianceOs.BotHost.Conversation.Evidence;

/// <summary>The evidence vault's cards: the receipt, the two choices (which obligation, which slot), a download link, refusals.</summary>
public static class EvidenceCards
{
    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("d MMM uuuu");

    /// <summary>What was stored and its proof of integrity, with what can be done next.</summary>
    public static Card Receipt(EvidenceReceipt receipt, ComplianceInstance instance, User viewer, int version)
    {
        var e = receipt.Evidence;
        var facts = new List<Fact>
        {
            new("File", e.FileName),
            new("Size", Size.Describe(e.SizeBytes)),
            new("SHA-256", e.Sha256),
            new("Slot", EvidenceKinds.Label(e.EvidenceKind)),
            new("Version", e.Version.ToString(CultureInfo.InvariantCulture)),
            new("Obligation", receipt.Describe),
            new("Status", e.ApprovalStatus switch
            {
                EvidenceApprovalStatus.Approved => "approved (immutable)",
                EvidenceApprovalStatus.Rejected => $"rejected: {e.DecisionComment}",
                _ => EvidenceKinds.IsFilingProof(e.EvidenceKind) && instance.Status is InstanceStatus.Approved or InstanceStatus.Filed
                    ? "pending: the approver verifies it"
                    : "pending: approved with the review",
            }),
        };
        var actions = new List<CardAction>();
        // The next step of the work, for its owner: proof often arrives before anyone pressed Start.
        var next = instance.Status switch
        {
            InstanceStatus.NotStarted => ("start", "Start work"),
            InstanceStatus.InProgress when !instance.IsBlocked => ("submit", "Submit for approval"),
            _ => default((string Verb, string Title)?),
        };
        if (next is var (verb, title) && (instance.OwnerUserId == viewer.Id || viewer.HasRole(UserRole.Admin)))
        {
            actions.Add(new CardAction(verb, title)
            {
                Style = CardActionStyle.Positive,
                Data = new Dictionary<string, string>
                {
                    [ObligationCards.InstanceKey] = instance.Id.ToString(),
                    [WorkflowButtons.VersionKey] = version.ToString(CultureInfo.InvariantCulture),
                },
            });
        }

        if (e.ApprovalStatus != EvidenceApprovalStatus.Approved)
        {
            actions.Add(new CardAction(EvidenceVerbs.Replace, "Replace (new version)") { Data = Data((EvidenceVerbs.InstanceKey, e.InstanceId.ToString()), (EvidenceVerbs.KindKey, e.EvidenceKind)) });
        }

        if (e.ApprovalStatus != EvidenceApprovalStatus.Approved && e.UploadedByUserId == viewer.Id && e.RemovedAt is null)
        {
            actions.Add(new CardAction(EvidenceVerbs.Remove, "Remove") { Style = CardActionStyle.Destructive, Data = Data((EvidenceVerbs.EvidenceKey, e.Id.ToString())) });
        }

        actions.Add(new CardAction(EvidenceVerbs.Link, "Download link") { Data = Data((EvidenceVerbs.EvidenceKey, e.Id.ToString())) });
        var blocks = new List<CardBlock>
        {
            receipt.AlreadyStored
                ? new StatusBadge(StatusTone.Neutral, $"Already stored: these exact bytes are version {e.Version} of this slot. Nothing new was stored.")
                : new StatusBadge(StatusTone.Good, "Stored and sealed with its SHA-256"),
            new FactList(facts),
            new ActionSet(actions),
        };
        return new Card(blocks) { Title = receipt.AlreadyStored ? "Already in the vault" : "Evidence received" };
    }

    /// <summary>Which obligation is this file for? One button per candidate; the click attaches it.</summary>
    public static Card InstanceChoice(IncomingFile file, IReadOnlyList<(Guid Id, string Label, LocalDate? Due)> candidates, string? note)
    {
        if (candidates.Count == 0)
        {
            return Sentence("Which obligation?", $"You have no open work to attach {file.Name} to. Send it with the obligation's name, e.g. \"challan for pf october\".");
        }

        var rows = candidates.Select(c => new ItemRow(c.Label, c.Due is { } d ? $"due {Day.Format(d)}" : null,
            [new CardAction(EvidenceVerbs.Attach, "Attach here") { Data = FileData(file, (EvidenceVerbs.InstanceKey, c.Id.ToString())) }])).ToList();
        var blocks = new List<CardBlock> { new TextBlock($"Which obligation is {file.Name} for? Nothing is stored until you choose."), new ItemList(rows) };
        if (note is not null)
        {
            blocks.Add(new TextBlock(note));
        }

        return new Card(blocks) { Title = "Where does this file go?" };
    }

    /// <summary>Which slot of the obligation is this file?</summary>
    public static Card SlotChoice(IncomingFile file, Guid instanceId, string describe, IReadOnlyList<string> slots, string? note)
    {
        var buttons = slots.Select(s => new CardAction(EvidenceVerbs.Attach, EvidenceKinds.Label(s))
        {
            Data = FileData(file, (EvidenceVerbs.InstanceKey, instanceId.ToString()), (EvidenceVerbs.KindKey, s)),
        }).ToList();
        var blocks = new List<CardBlock> { new TextBlock($"What is {file.Name} for {describe}? Nothing is stored until you choose."), new ActionSet(buttons) };
        if (note is not null)
        {
            blocks.Add(new TextBlock(note));
        }

        return new Card(blocks) { Title = "Which kind of proof?" };
    }

    public static Card Download(EvidenceLink link, string timeZone)
    {
        var until = link.Expires.InZone(DateTimeZoneProviders.Tzdb[timeZone]).ToString("HH:mm", CultureInfo.InvariantCulture);
        return new Card([
            new FactList([new("File", link.Evidence.FileName), new("Version", link.Evidence.Version.ToString(CultureInfo.InvariantCulture)), new("SHA-256", link.Evidence.Sha256)]),
            new LinkList([new Link($"Download {link.Evidence.FileName}", link.Url.ToString())]),
            new TextBlock($"The link is yours alone and works until {until}. The file is checked against its SHA-256 before it is served."),
        ]) { Title = "Download link" };
    }

    public static Card Refused(string title, Error error) => new([new StatusBadge(StatusTone.Attention, error switch
    {
        ValidationError v when v.Field == "file" => v.Message[(v.Field.Length + 2)..],
        ValidationError v => v.Message,
        _ => error.Message,
    })]) { Title = title };

    public static Card Sentence(string title, string text) => new([new TextBlock(text)]) { Title = title };

    private static Dictionary<string, string> FileData(IncomingFile file, params (string Key, string Value)[] more)
    {
        var data = Data(more);
        data[EvidenceVerbs.SourceKey] = file.Source;
        data[EvidenceVerbs.ReferenceKey] = file.Reference;
        data[EvidenceVerbs.NameKey] = file.Name;
        return data;
    }

    private static Dictionary<string, string> Data(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
