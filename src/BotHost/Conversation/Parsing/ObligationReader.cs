namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>Finds the obligations a message names, marking the words it used so nothing else reads them again.</summary>
internal static class ObligationReader
{
    private const int MaxWords = 4;

    public static IReadOnlyList<string> Read(MessageText text, bool[] used)
    {
        var found = new List<string[]>();
        for (var i = 0; i < text.Tokens.Count; i++)
        {
            if (used[i])
            {
                continue;
            }

            var match = Exact(text, used, i) ?? Fuzzy(text, used, i);
            if (match is { } m)
            {
                found.Add(m.Codes);
                for (var k = i; k < i + m.Words; k++)
                {
                    used[k] = true;
                }

                i += m.Words - 1;
            }
        }

        return Merge(found);
    }

    private static (string[] Codes, int Words)? Exact(MessageText text, bool[] used, int start)
    {
        for (var n = MaxWords; n >= 1; n--)
        {
            if (Squash(text, used, start, n) is { } key && ObligationAliases.ByAlias.TryGetValue(key, out var codes))
            {
                return (codes, n);
            }
        }

        return null;
    }

    // Typos only on longer names, and never across a different number: "gstr2" must not become "gstr1".
    private static (string[] Codes, int Words)? Fuzzy(MessageText text, bool[] used, int start)
    {
        for (var n = 2; n >= 1; n--)
        {
            if (Squash(text, used, start, n) is not { Length: >= 5 } key || !key.Any(char.IsAsciiLetter))
            {
                continue;
            }

            var digits = Digits(key);
            foreach (var (alias, codes) in ObligationAliases.ByAlias)
            {
                if (alias.Length >= 5 && Digits(alias) == digits && EditDistance.WithinOne(key, alias))
                {
                    return (codes, n);
                }
            }
        }

        return null;
    }

    private static string? Squash(MessageText text, bool[] used, int start, int count)
    {
        if (start + count > text.Tokens.Count)
        {
            return null;
        }

        var parts = new List<string>(count);
        for (var k = start; k < start + count; k++)
        {
            if (used[k])
            {
                return null;
            }

            parts.Add(text.Tokens[k].Text);
        }

        return string.Concat(parts);
    }

    private static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    // "tds return 24q" names both the family and the form: keep the narrower naming, drop the family.
    private static IReadOnlyList<string> Merge(List<string[]> found)
    {
        var kept = found.Where(f => !found.Any(o => o.Length < f.Length && o.All(f.Contains))).ToList();
        return kept.SelectMany(c => c).Distinct().ToList();
    }
}
