using System.Text;
using System.Text.Encodings.Web;

namespace ComplianceOs.BotHost.Slack.Install;

/// <summary>
/// The small HTML pages a person sees during an install: a title and one sentence, HTML-encoded, never a stack
/// trace. Not cached, and sent with no referrer (the install URL carries a token).
/// </summary>
internal static class SlackInstallPages
{
    public static IResult Page(HttpContext http, int status, string title, string message)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        var html = HtmlEncoder.Default;
        var body = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{html.Encode(title)}} · Compliance OS</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d1c1d}</style></head>
            <body><h1>{{html.Encode(title)}}</h1><p>{{html.Encode(message)}}</p></body>
            </html>
            """;
        return Results.Content(body, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
