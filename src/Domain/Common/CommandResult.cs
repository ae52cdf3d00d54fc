namespace ComplianceOs.Domain.Common;

/// <summary>Outcome of a command: a value, or one or more typed errors and nothing written.</summary>
public sealed class CommandResult<T>
{
    private CommandResult(T? value, IReadOnlyList<Error> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyList<Error> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static CommandResult<T> Success(T value) => new(value, []);

    public static CommandResult<T> Failure(Error error) => new(default, [error]);

    public static CommandResult<T> Failure(IReadOnlyList<Error> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(default, errors);

    public static implicit operator CommandResult<T>(Error error) => Failure(error);

    public static implicit operator CommandResult<T>(T value) => Success(value);

    public override string ToString() =>
        Succeeded ? $"Success({Value})" : $"Failure({string.Join("; ", Errors.Select(e => e.Message))})";
}
