namespace ComplianceOs.BotHost.Cards;

/// <summary>A numbered list of links, such as an answer's citations.</summary>
/// <param name="Links">In order; a link without a URL is shown as plain text.</param>
public sealed record LinkList(IReadOnlyList<Link> Links) : CardBlock;

/// <summary>One link: plain-text label, and an absolute http(s) URL or null.</summary>
public sealed record Link(string Label, string? Url)
{
    /// <summary>The URL when it is safe to render as a link (absolute http or https, no spaces or quotes); else null.</summary>
    public string? SafeUrl => Url is { Length: <= 2000 } u && Uri.TryCreate(u, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !u.Any(c => char.IsWhiteSpace(c) || c is '"' or '<' or '>' or '|' or '(' or ')' or '[' or ']')
        ? u
        : null;
}
