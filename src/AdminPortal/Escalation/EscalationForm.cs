using System.Globalization;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Common;
using ComplianceOs.Domain.Notifications.Reminders;

namespace ComplianceOs.AdminPortal.Escalation;

/// <summary>One row of the matrix as typed. A row left wholly empty is no stage (that is how one is removed, or not added).</summary>
public sealed class StageRow
{
    public string? Stage { get; set; }

    /// <summary>Text, so "three" gets its own message instead of the model binder's.</summary>
    public string? DaysFromDue { get; set; }

    public List<string> To { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Stage) && string.IsNullOrWhiteSpace(DaysFromDue) && To.Count == 0;
}

/// <summary>The edit form's rows, turned into <see cref="SetReminderSettingsCommand"/> and its errors turned back into form fields.</summary>
public static partial class EscalationForm
{
    public static IReadOnlyList<StageRecipient> Recipients { get; } = Enum.GetValues<StageRecipient>();

    /// <summary>The saved stages, then empty rows to add more (up to the handler's limit).</summary>
    public static List<StageRow> RowsFor(ReminderSettings settings)
    {
        var rows = settings.Stages.Select(s => new StageRow
        {
            Stage = s.Stage,
            DaysFromDue = s.DaysFromDue.ToString(CultureInfo.InvariantCulture),
            To = s.To.Select(t => t.ToString()).ToList(),
        }).ToList();
        return WithBlankRows(rows);
    }

    public static List<StageRow> WithBlankRows(List<StageRow> rows)
    {
        while (rows.Count < SetReminderSettingsHandler.MaxStages && rows.Count(r => r.IsBlank) < 2)
        {
            rows.Add(new StageRow());
        }

        return rows;
    }

    /// <returns>
    /// The command, or the problems found before it could be made (keyed by form field); and for each stage of the
    /// command, the form row it came from.
    /// </returns>
    public static (SetReminderSettingsCommand? Command, IReadOnlyDictionary<string, string> Problems, IReadOnlyList<int> RowOfStage) ToCommand(
        IReadOnlyList<StageRow> rows, string? quietFrom, string? quietUntil, bool quietOnSundays)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<StageInput>();
        var rowOfStage = new List<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsBlank)
            {
                continue;
            }

            var days = 0;
            if (string.IsNullOrWhiteSpace(row.DaysFromDue))
            {
                problems[$"Stages[{i}].DaysFromDue"] = "Give the day: negative before the due date, 0 on it, positive after.";
            }
            else if (!int.TryParse(row.DaysFromDue.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out days))
            {
                problems[$"Stages[{i}].DaysFromDue"] = $"'{row.DaysFromDue}' is not a whole number of days.";
            }

            stages.Add(new StageInput(row.Stage?.Trim() ?? string.Empty, days, row.To));
            rowOfStage.Add(i);
        }

        return problems.Count > 0
            ? (null, problems, rowOfStage)
            : (new SetReminderSettingsCommand(stages, quietFrom?.Trim() ?? string.Empty, quietUntil?.Trim() ?? string.Empty, quietOnSundays), problems, rowOfStage);
    }

    /// <summary>The form field a command error belongs to; empty for the form as a whole.</summary>
    public static string FieldOf(Error error, IReadOnlyList<int> rowOfStage)
    {
        if (error is not ValidationError v)
        {
            return string.Empty;
        }

        if (StageField().Match(v.Field) is { Success: true } m && int.TryParse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var index) && index < rowOfStage.Count)
        {
            var property = m.Groups[2].Value switch
            {
                "stage" => nameof(StageRow.Stage),
                "daysFromDue" => nameof(StageRow.DaysFromDue),
                _ => nameof(StageRow.To),
            };
            return $"Stages[{rowOfStage[index]}].{property}";
        }

        return v.Field switch
        {
            "stages" => "Stages",
            "quietFrom" => "QuietFrom",
            "quietUntil" => "QuietUntil",
            _ => string.Empty,
        };
    }

    /// <summary>The message of an error without the command's field prefix (the form shows it beside the field).</summary>
    public static string MessageOf(Error error) =>
        error is ValidationError v && v.Message.StartsWith(v.Field + ": ", StringComparison.Ordinal) ? Capitalise(v.Message[(v.Field.Length + 2)..]) : error.Message;

    public static string Describe(int daysFromDue) => daysFromDue switch
    {
        0 => "on the due date",
        -1 => "1 day before",
        1 => "1 day after",
        < 0 => $"{-daysFromDue} days before",
        _ => $"{daysFromDue} days after",
    };

    public static string Label(StageRecipient r) => r switch
    {
        StageRecipient.EscalationContact => "Escalation contact",
        _ => r.ToString(),
    };

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..] + (s.EndsWith('.') || s.EndsWith(')') ? string.Empty : ".");

    [GeneratedRegex(@"^stages\[(\d+)\]\.(stage|daysFromDue|to)$")]
    private static partial Regex StageField();
}
