using System.Text.RegularExpressions;
using ComplianceOs.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ComplianceOs.AdminPortal.Masters;

/// <summary>
/// Puts a command's errors next to the form fields they name. A domain field is a JSON-ish path
/// (<c>dueDateRule.variants[0].due.day</c>, <c>dependsOn[1]</c>); its first segment names the form property, and the
/// rest of the path stays in the message so a problem deep inside a JSON field still says where it is.
/// </summary>
public static partial class FieldErrors
{
    /// <param name="prefix">The bound model's name (<c>Input</c>), so keys match what <c>asp-validation-for</c> reads.</param>
    /// <param name="properties">The form's property names; a path whose head is none of them goes to the summary.</param>
    public static void AddTo(ModelStateDictionary state, IEnumerable<Error> errors, string prefix, IEnumerable<string> properties)
    {
        var byName = properties.ToDictionary(p => p, p => p, StringComparer.OrdinalIgnoreCase);
        foreach (var error in errors)
        {
            var (field, message) = error switch
            {
                ValidationError v => (v.Field, Detail(v.Field, v.Message)),
                ConflictError c => (c.Field, c.Reason),
                _ => (string.Empty, error.Message),
            };
            var head = Head(field);
            if (byName.TryGetValue(head, out var property))
            {
                var rest = field[head.Length..].TrimStart('.');

                // An item of a list typed as text ("states[1]"): the message quotes the item, so its index adds nothing.
                rest = ItemIndex().IsMatch(rest) ? string.Empty : rest;
                state.AddModelError($"{prefix}.{property}", rest.Length == 0 ? Sentence(message) : $"{rest}: {message}");
            }
            else
            {
                state.AddModelError(string.Empty, field.Length == 0 ? Sentence(message) : $"{field}: {message}");
            }
        }
    }

    /// <summary>The status a failed command answers with: 404 for what is not there (or not this tenant's), 403, 409, else 400.</summary>
    public static int StatusOf(IReadOnlyList<Error> errors) =>
        errors.Any(e => e is NotFoundError) ? StatusCodes.Status404NotFound
        : errors.Any(e => e is ForbiddenError) ? StatusCodes.Status403Forbidden
        : errors.Any(e => e is ConflictError) ? StatusCodes.Status409Conflict
        : StatusCodes.Status400BadRequest;

    private static string Head(string field)
    {
        var end = field.IndexOfAny(['.', '[']);
        return end < 0 ? field : field[..end];
    }

    /// <summary>A validation error's message repeats its field ("name: is required"); beside the field only the problem is said.</summary>
    private static string Detail(string field, string message) =>
        message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;

    /// <summary>A bare problem ("is required") beside its field reads as a sentence; a path keeps its case.</summary>
    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^\[[0-9]+\]$")]
    private static partial Regex ItemIndex();
}
