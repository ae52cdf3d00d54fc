using ComplianceOs.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Forms;

/// <summary>
/// Puts a command's errors on its page: a field's error next to that field's input (under the ModelState key the
/// page maps the command's field name to), anything else above the form; and sets the status that says what went
/// wrong. Something not found is a plain 404 with nothing of the page, because another tenant's id must look exactly
/// like an id that never existed.
/// </summary>
public static class CommandErrors
{
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
