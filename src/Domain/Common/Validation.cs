namespace ComplianceOs.Domain.Common;

/// <summary>Collects every problem of one input before anything is written, so the caller sees them all at once.</summary>
public sealed class Validation
{
    private readonly List<Error> _errors = [];

    public IReadOnlyList<Error> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add(new ValidationError(field, message));

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"is longer than {maxLength} characters");
        }
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, $"is longer than {maxLength} characters");
        }
    }

    /// <summary>Adds <paramref name="problem"/> (from a rule that returns null when valid) under <paramref name="field"/>.</summary>
    public void Check(string field, string? problem)
    {
        if (problem is not null)
        {
            Add(field, problem);
        }
    }

    public bool TryParseEnum<T>(string field, string? value, out T result)
        where T : struct, Enum
    {
        var text = value?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(text) && !int.TryParse(text, out _) && Enum.TryParse(text, ignoreCase: true, out result))
        {
            return true;
        }

        result = default;
        Add(field, $"'{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}");
        return false;
    }
}
