using System.Text.Json.Nodes;
using Unit = ComplianceOs.BotHost.Cards.BlockKit.BlockKitBody.Unit;

namespace ComplianceOs.BotHost.Cards.BlockKit;

/// <summary>
/// Lays built blocks out within Slack's block-count limits: into several messages (pages), or into one
/// view cut short with a notice. Breaks fall between <see cref="Unit"/>s where possible, and nothing is
/// left out without saying so. Assigns block_ids ("b1", "b2", …) unique across all pages of one card.
/// </summary>
internal static class BlockKitLayout
{
    /// <summary>Splits the units into pages of at most <paramref name="maxBlocks"/> blocks; pages after the first start with a "continued" notice.</summary>
    public static List<JsonArray> Paginate(List<Unit> units, int maxBlocks)
    {
        // Pages after the first give one block to the notice, so units are sized for those.
        var laterCapacity = maxBlocks - 1;
        var pages = new List<List<JsonObject>> { new() };
        var capacity = maxBlocks;
        foreach (var unit in KeepHeadingsWithContent(units, laterCapacity))
        {
            var current = pages[^1];
            if (current.Count + unit.Blocks.Count <= capacity)
            {
                current.AddRange(unit.Blocks);
                continue;
            }

            if (current.Count > 0 && unit.Blocks.Count <= laterCapacity)
            {
                pages.Add([.. unit.Blocks]);
                capacity = laterCapacity;
                continue;
            }

            // A unit bigger than a page (a row with hundreds of buttons) is split between blocks.
            foreach (var block in unit.Blocks)
            {
                if (pages[^1].Count >= capacity)
                {
                    pages.Add([]);
                    capacity = laterCapacity;
                }

                pages[^1].Add(block);
            }
        }

        var result = new List<JsonArray>();
        var ids = 0;
        for (var i = 0; i < pages.Count; i++)
        {
            var page = new JsonArray();
            if (i > 0)
            {
                page.Add(WithId(Notice($"(continued, page {i + 1} of {pages.Count})"), ref ids));
            }

            foreach (var block in pages[i])
            {
                page.Add(WithId(block, ref ids));
            }

            result.Add(page);
        }

        return result;
    }

    /// <summary>
    /// Keeps the units that fit in <paramref name="maxBlocks"/>, in order; when some do not, the last block says
    /// how many rows (and whether other content) were left out, and <paramref name="seeAllHint"/> says where to see them.
    /// </summary>
    public static JsonArray Fit(List<Unit> units, int maxBlocks, string seeAllHint)
    {
        var all = KeepHeadingsWithContent(units, maxBlocks - 1);
        var blocks = new JsonArray();
        var ids = 0;
        if (all.Sum(u => u.Blocks.Count) <= maxBlocks)
        {
            foreach (var block in all.SelectMany(u => u.Blocks))
            {
                blocks.Add(WithId(block, ref ids));
            }

            return blocks;
        }

        var shown = 0;
        var kept = 0;
        foreach (var unit in all)
        {
            if (shown + unit.Blocks.Count > maxBlocks - 1)
            {
                break;
            }

            foreach (var block in unit.Blocks)
            {
                blocks.Add(WithId(block, ref ids));
            }

            shown += unit.Blocks.Count;
            kept++;
        }

        var hidden = all.Skip(kept).ToList();
        var hiddenRows = hidden.Sum(u => u.Rows);
        var hiddenOther = hidden.Any(u => u.Rows == 0);
        var what = (hiddenRows, hiddenOther) switch
        {
            (> 0, false) => $"{hiddenRows} more {Plural(hiddenRows, "item")} not shown here.",
            (> 0, true) => $"{hiddenRows} more {Plural(hiddenRows, "item")} and other details not shown here.",
            _ => "Some details are not shown here.",
        };
        blocks.Add(WithId(Notice($"{what} {seeAllHint}"), ref ids));
        return blocks;
    }

    /// <summary>
    /// Merges each heading with the unit after it (when both fit on one page) so a page never ends
    /// with a heading whose content is on the next.
    /// </summary>
    private static List<Unit> KeepHeadingsWithContent(List<Unit> units, int maxUnitBlocks)
    {
        var merged = new List<Unit>();
        Unit? pending = null;
        foreach (var unit in units)
        {
            if (pending is null)
            {
                pending = unit;
            }
            else if (pending.KeepWithNext && pending.Blocks.Count + unit.Blocks.Count <= maxUnitBlocks)
            {
                pending = new Unit([.. pending.Blocks, .. unit.Blocks], pending.Rows + unit.Rows, unit.KeepWithNext);
            }
            else
            {
                merged.Add(pending);
                pending = unit;
            }
        }

        if (pending is not null)
        {
            merged.Add(pending);
        }

        return merged;
    }

    private static JsonObject Notice(string text) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = SlackText.Escape(text), ["verbatim"] = true } },
    };

    private static JsonObject WithId(JsonObject block, ref int ids)
    {
        block["block_id"] = $"b{++ids}";
        return block;
    }

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
