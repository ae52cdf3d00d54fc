namespace ComplianceOs.Rag.Answering;

/// <summary>A numbered source of an answer: what the card shows as a link.</summary>
public sealed record Citation(int Number, string SourceKey, string Title, string? Section, int? Page, string? Url)
{
    /// <summary>"GSTR3B — … › Penalties and late fees, p. 3": the section's last heading is enough to find it.</summary>
    public string Label
    {
        get
        {
            var section = Section?.Split(" › ").LastOrDefault();
            var label = section is null || section == Title ? Title : $"{Title} › {section}";
            return Page is { } p ? $"{label}, p. {p}" : label;
        }
    }
}
