namespace ComplianceOs.BotHost.Conversation.Evidence;

/// <summary>The buttons of the evidence cards and the keys of their data.</summary>
public static class EvidenceVerbs
{
    public const string Attach = "evidence.attach";
    public const string Remove = "evidence.remove";
    public const string Link = "evidence.link";
    public const string Verify = "evidence.verify";
    public const string Reject = "evidence.reject";
    public const string Replace = "evidence.replace";

    public const string EvidenceKey = "evidenceId";
    public const string InstanceKey = "instanceId";
    public const string KindKey = "kind";
    public const string SourceKey = "src";
    public const string ReferenceKey = "ref";
    public const string NameKey = "name";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Attach, Remove, Link, Verify, Reject, Replace };
}
