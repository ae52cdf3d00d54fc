using ComplianceOs.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Forms;

/// <summary>A form field as a command names it, and how the form shows it.</summary>
/// <param name="Key">The form's model-state key (what <c>asp-validation-for</c> reads).</param>
/// <param name="Label">How a message about it starts, e.g. "Name".</param>
public sealed record FormField(string Key, string Label);

/// <summary>
/// Turns a command's typed errors into messages beside the form's fields, and into the response's status: 400 for
/// bad input, 409 for a conflict, 404 for what is not there (or not the caller's), 403 for what the caller may not do.
/// </summary>
public static class CommandErrors
{
    /// <summary>
    /// Adds every error to <paramref name="modelState"/>: under its field's key when <paramref name="fields"/> knows
    /// the field (a command's <c>teamsTenantIds[2]</c> counts as <c>teamsTenantIds</c>), else under the form as a whole.
    /// </summary>
    /// <returns>The status code for the response.</returns>
    public static int AddTo(ModelStateDictionary modelState, IReadOnlyList<Error> errors, IReadOnlyDictionary<string, FormField> fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var (field, text) = error switch
            {
                ValidationError v => (v.Field, Unprefixed(v.Message, v.Field)),
                ConflictError c => (c.Field, c.Reason),
                _ => (string.Empty, error.Message),
            };
            var name = field.Split('[')[0];
            if (fields.TryGetValue(name, out var f))
            {
                modelState.AddModelError(f.Key, $"{f.Label} {text}");
            }
            else
            {
                modelState.AddModelError(string.Empty, error.Message);
            }
        }

        return Status(errors);
    }

    public static int Status(IReadOnlyList<Error> errors) => errors.Count == 0 ? StatusCodes.Status200OK : errors[0] switch
    {
        NotFoundError => StatusCodes.Status404NotFound,
        ForbiddenError => StatusCodes.Status403Forbidden,
        ConflictError => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    // A validation error's message reads "field: problem"; beside the field only the problem is wanted.
    private static string Unprefixed(string message, string field) =>
        message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;

    // Apply: the entity and people pages' way (a key function; anything not found becomes a bare 404).
    /// <returns>The 404 to return instead of the page, or null when the page should be shown with its errors.</returns>
    public static IActionResult? Apply(PageModel page, IReadOnlyList<Error> errors, Func<string, string?> keyOf)
    {
        if (errors.Any(e => e is NotFoundError))
        {
            return page.NotFound();
        }

        foreach (var error in errors)
        {
            var (field, message) = error switch
            {
                ValidationError v => (v.Field, v.Message),
                ConflictError c => (c.Field, c.Message),
                _ => ((string?)null, error.Message),
            };
            var key = field is null ? null : keyOf(field);
            page.ModelState.AddModelError(key ?? string.Empty, key is null ? message : NextToField(field!, message));
        }

        page.Response.StatusCode = errors.Any(e => e is ForbiddenError) ? StatusCodes.Status403Forbidden
            : errors.Any(e => e is ConflictError or StaleError) ? StatusCodes.Status409Conflict
            : StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>For input the model binder already refused (a number that is not one): the page again, with 400.</summary>
    public static void BadInput(PageModel page) => page.Response.StatusCode = StatusCodes.Status400BadRequest;

    // Beside its input the field's name is redundant: "name: is required" reads "Required".
    private static string NextToField(string field, string message)
    {
        var text = message.StartsWith(field + ": ", StringComparison.Ordinal) ? message[(field.Length + 2)..] : message;
        if (text.StartsWith("is ", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        return text.Length == 0 ? message : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
