using System.Net;
using System.Text;
using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Notifications.Email;

/// <summary>
/// A card as an e-mail: the title as the subject, the blocks as plain text and as simple HTML (every string
/// encoded). Buttons and inputs have no meaning in a mail; one line says to act from Teams or Slack instead.
/// </summary>
public static class EmailRenderer
{
    public const string ActHint = "To act on this, open Compliance OS in Microsoft Teams or Slack.";

    public static string Subject(Card card) => $"Compliance OS: {card.Title ?? card.Subtitle ?? "notification"}".ReplaceLineEndings(" ");

    public static string Text(Card card)
    {
        var text = new StringBuilder();
        if (card.Title is { } title)
        {
            text.AppendLine(title).AppendLine(new string('=', Math.Min(title.Length, 72)));
        }

        if (card.Subtitle is { } subtitle)
        {
            text.AppendLine(subtitle);
        }

        Text(text, card.Blocks);
        return text.AppendLine().AppendLine(ActHint).ToString();
    }

    public static string Html(Card card)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        if (card.Title is { } title)
        {
            html.Append("<h2>").Append(E(title)).Append("</h2>");
        }

        if (card.Subtitle is { } subtitle)
        {
            html.Append("<p>").Append(E(subtitle)).Append("</p>");
        }

        Html(html, card.Blocks);
        return html.Append("<p><em>").Append(E(ActHint)).Append("</em></p></body></html>").ToString();
    }

    private static void Text(StringBuilder text, IEnumerable<CardBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    text.AppendLine(t.Text);
                    break;
                case StatusBadge b:
                    text.AppendLine($"[{b.Text}]");
                    break;
                case FactList f:
                    foreach (var fact in f.Facts)
                    {
                        text.AppendLine($"{fact.Label}: {fact.Value}");
                    }

                    break;
                case ItemList l:
                    foreach (var row in l.Rows)
                    {
                        text.AppendLine($"- {row.Title}{(row.Subtitle is { } s ? $" ({s})" : string.Empty)}");
                    }

                    break;
                case LinkList links:
                    var n = 1;
                    foreach (var link in links.Links)
                    {
                        text.AppendLine($"[{n++}] {link.Label}{(link.SafeUrl is { } u ? " " + u : string.Empty)}");
                    }

                    break;
                case Section s:
                    text.AppendLine().AppendLine(s.Heading);
                    Text(text, s.Blocks);
                    break;
            }
        }
    }

    private static void Html(StringBuilder html, IEnumerable<CardBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    html.Append(t.Emphasis ? "<p><strong>" : "<p>").Append(E(t.Text)).Append(t.Emphasis ? "</strong></p>" : "</p>");
                    break;
                case StatusBadge b:
                    html.Append("<p><strong>").Append(E(b.Text)).Append("</strong></p>");
                    break;
                case FactList f:
                    html.Append("<table>");
                    foreach (var fact in f.Facts)
                    {
                        html.Append("<tr><th align=\"left\" valign=\"top\">").Append(E(fact.Label)).Append("</th><td>").Append(E(fact.Value)).Append("</td></tr>");
                    }

                    html.Append("</table>");
                    break;
                case ItemList l:
                    html.Append("<ul>");
                    foreach (var row in l.Rows)
                    {
                        html.Append("<li>").Append(E(row.Title)).Append(row.Subtitle is { } s ? " — " + E(s) : string.Empty).Append("</li>");
                    }

                    html.Append("</ul>");
                    break;
                case LinkList links:
                    html.Append("<ol>");
                    foreach (var link in links.Links)
                    {
                        html.Append("<li>").Append(link.SafeUrl is { } u ? $"<a href=\"{E(u)}\">{E(link.Label)}</a>" : E(link.Label)).Append("</li>");
                    }

                    html.Append("</ol>");
                    break;
                case Section s:
                    html.Append("<h3>").Append(E(s.Heading)).Append("</h3>");
                    Html(html, s.Blocks);
                    break;
            }
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
