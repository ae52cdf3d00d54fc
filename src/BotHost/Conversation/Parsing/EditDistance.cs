namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>Optimal-string-alignment distance: insert, delete, substitute, or swap two neighbours ("sumbit", "gtsr3b") each cost 1.</summary>
internal static class EditDistance
{
    public static bool WithinOne(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        return Compute(a, b) <= 1;
    }

    public static bool IsSingleSwap(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var diffs = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToArray();
        return diffs.Length == 2 && diffs[1] == diffs[0] + 1 && a[diffs[0]] == b[diffs[1]] && a[diffs[1]] == b[diffs[0]];
    }

    private static int Compute(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
