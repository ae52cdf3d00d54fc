namespace ComplianceOs.Domain.EvidenceVault.Inspection;

/// <summary>Names a ZIP entry in a refusal without passing the uploader's raw text to the chat layer.</summary>
internal static class PartName
{
    private const int MaxShown = 60;

    /// <summary>"the part 'xl/workbook.xml'", or "a part" when the name holds anything but plain path characters.</summary>
    public static string Describe(string name)
    {
        if (name.Length is 0 or > MaxShown)
        {
            return "a part";
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-' or '/' or '[' or ']'))
            {
                return "a part";
            }
        }

        return $"the part '{name}'";
    }
}
