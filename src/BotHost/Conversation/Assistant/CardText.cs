using System.Text;
using ComplianceOs.BotHost.Cards;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>The readable text of a card, top to bottom.</summary>
public static class CardText
{
    public static string Of(Card card)
    {
        var text = new StringBuilder();
        Line(text, card.Title);
        Line(text, card.Subtitle);
        Append(text, card.Blocks);
        return text.ToString();
    }

    private static void Append(StringBuilder text, IEnumerable<CardBlock> blocks)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    Line(text, t.Text);
                    break;
                case FactList f:
                    foreach (var fact in f.Facts)
                    {
                        Line(text, $"{fact.Label}: {fact.Value}");
                    }

                    break;
                case StatusBadge b:
                    Line(text, b.Text);
                    break;
                case ItemList l:
                    foreach (var row in l.Rows)
                    {
                        Line(text, row.Subtitle is null ? row.Title : $"{row.Title} — {row.Subtitle}");
                    }

                    break;
                case Section s:
                    Line(text, s.Heading);
                    Append(text, s.Blocks);
                    break;
                case LinkList links:
                    foreach (var link in links.Links)
                    {
                        Line(text, link.Url is null ? link.Label : $"{link.Label} <{link.Url}>");
                    }

                    break;
            }
        }
    }

    private static void Line(StringBuilder text, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            text.AppendLine(line);
        }
    }
}
