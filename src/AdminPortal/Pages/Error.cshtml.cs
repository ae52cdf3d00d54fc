using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplianceOs.AdminPortal.Pages;

/// <summary>One page for every error: a plain sentence and the status code, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Status { get; set; }

    public string Title { get; private set; } = "Something went wrong";

    public string Explanation { get; private set; } = "The request could not be completed. Nothing was changed by it; try again.";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        // Re-executed after an exception, the status is the one the exception handler chose (e.g. 413).
        var status = Status ?? (Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        (Title, Explanation) = status switch
        {
            404 => ("Not found", "There is no such page, or what it shows is not in your organisation."),
            400 => ("Bad request", "The request was not understood; reload the page and try again."),
            403 => ("Not allowed", "This is not for your account."),
            413 => ("Too large", "The upload is larger than this page accepts. Nothing was stored."),
            429 => ("Slow down", "Too many requests; wait a minute and try again."),
            _ => (Title, Explanation),
        };
        Response.StatusCode = status;
    }
}
