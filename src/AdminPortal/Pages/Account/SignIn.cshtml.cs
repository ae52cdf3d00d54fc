using ComplianceOs.AdminPortal.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplianceOs.AdminPortal.Pages.Account;

[EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class SignInModel(PortalSignIn signIn) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await signIn.SignInAsync(Email, Password, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        Password = null;
        if (outcome.Principal is null)
        {
            Problem = outcome.Problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, outcome.Principal);
        // Only a path of this site: an absolute URL here would be an open redirect.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
