using System.Net;
using System.Text.RegularExpressions;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Reads what a rendered portal page shows: an input's value, the error beside a field, the summary's errors.</summary>
public static partial class PageHtml
{
    /// <summary>
    /// The error shown right after the input (or select) named <paramref name="name"/> — in the same field, before any
    /// other input — or null when there is none.
    /// </summary>
    public static string? ErrorNextTo(string html, string name)
    {
        var control = Regex.Match(html, $"<(input|select)[^>]*\\sname=\"{Regex.Escape(name)}\"[^>]*>");
        if (!control.Success)
        {
            throw new InvalidOperationException($"no input named {name} on the page");
        }

        var after = html[(control.Index + control.Length)..];
        var next = Regex.Match(after, "<(input(?![^>]*type=\"hidden\")|select|textarea|div class=\"field)");
        var scope = next.Success ? after[..next.Index] : after;
        return ErrorFor(scope, name);
    }

    /// <summary>The error of a field anywhere on the page (for lists of checkboxes, whose error sits above them).</summary>
    public static string? ErrorFor(string html, string name)
    {
        var span = Regex.Match(html, $"<span class=\"field-validation-error\"[^>]*data-valmsg-for=\"{Regex.Escape(name)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline);
        return span.Success ? WebUtility.HtmlDecode(span.Groups[1].Value) : null;
    }

    /// <summary>Every error the page shows, beside fields or above the form.</summary>
    public static IReadOnlyList<string> Errors(string html)
    {
        var beside = FieldError().Matches(html).Select(m => m.Groups[1].Value);
        var above = Summary().Match(html) is { Success: true } summary ? ListItem().Matches(summary.Value).Select(m => m.Groups[1].Value) : [];
        return [.. beside.Concat(above).Select(e => WebUtility.HtmlDecode(e))];
    }

    public static string? ValueOf(string html, string name)
    {
        var control = Regex.Match(html, $"<input[^>]*\\sname=\"{Regex.Escape(name)}\"[^>]*>");
        var value = control.Success ? Regex.Match(control.Value, "\\svalue=\"([^\"]*)\"") : Match.Empty;
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    /// <summary>What CSP (script-src 'self'; style-src 'self') would block: inline styles, inline scripts, inline handlers.</summary>
    public static IReadOnlyList<string> CspViolations(string html) =>
        [.. InlineStyleOrScript().Matches(html).Select(m => m.Value)];

    [GeneratedRegex("<span class=\"field-validation-error\"[^>]*>(.*?)</span>", RegexOptions.Singleline)]
    private static partial Regex FieldError();

    [GeneratedRegex("<div class=\"[^\"]*validation-summary-errors[^\"]*\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex ListItem();

    [GeneratedRegex("\\sstyle=\"|<script(?![^>]*\\ssrc=)[^>]*>|\\son[a-z]+=\"", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyleOrScript();
}
