namespace ComplianceOs.AdminPortal.Masters;

/// <summary>A government extension as typed: which master and period, the new date and the notification that granted it.</summary>
public sealed class ExtensionForm
{
    public static readonly IReadOnlyList<string> Properties = typeof(ExtensionForm).GetProperties().Select(p => p.Name).ToList();

    /// <summary>The obligation the form was opened from, if any (shown beside the form; the extension covers every matching one).</summary>
    public Guid? InstanceId { get; set; }

    public string? MasterCode { get; set; }

    public string? PeriodKey { get; set; }

    /// <summary>YYYY-MM-DD, as a date input sends it.</summary>
    public string? ExtendedTo { get; set; }

    public string? NotificationReference { get; set; }

    /// <summary>Optional: state codes or names, comma-separated, for an extension granted to some states only.</summary>
    public string? States { get; set; }

    public IReadOnlyList<string> StateList() =>
        (States ?? string.Empty).Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
