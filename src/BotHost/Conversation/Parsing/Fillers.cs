namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Hinglish and politeness words that carry no meaning for the bot ("bhai 3b ka status batao"). Dropping them early
/// keeps every later rule simple, and lets "gst ka 3b" read as "gst 3b".
/// </summary>
internal static class Fillers
{
    private static readonly HashSet<string> Single =
    [
        "bhai", "bro", "yaar", "yar", "ji", "na", "naa", "kya", "hai", "hain", "ka", "ki", "ke", "please", "pls", "plz", "plzz",
        "kindly", "abhi", "zara", "jara", "batao", "bata", "btao", "dikhao", "dikha", "karo", "kardo", "krdo", "hua", "hui",
        "gaya", "gayi", "hoga", "tha", "thi", "toh", "sir", "madam", "mam", "maam", "dear", "bhaiya", "didi", "sirji", "boss",
        "jaldi", "hmm", "umm", "acha", "achha", "accha", "theek", "thik", "haan", "han", "ha", "ok", "okay", "okk", "k", "bas",
        "ekdum", "wala", "wali", "wale", "sab", "saare", "sare", "mujhe", "hume", "humein", "dijiye", "dena", "chahiye", "bolo",
        "ye", "yeh", "vo", "woh", "wo", "bhi", "hi5", "thanks", "thank", "thx", "ty",
    ];

    // Two-word fillers are removed as a pair: "do" and "ho" alone still mean something ("to do").
    private static readonly (string First, string Second)[] Pairs =
    [
        ("kar", "do"), ("kar", "dijiye"), ("kar", "dena"), ("kar", "de"), ("de", "do"), ("ho", "gaya"), ("ho", "gayi"),
        ("ho", "jayega"), ("kar", "diya"), ("kar", "lo"), ("dekh", "lo"), ("bata", "do"), ("ho", "chuka"),
    ];

    public static List<Token> Drop(IReadOnlyList<Token> words)
    {
        var kept = new List<Token>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (i + 1 < words.Count && Pairs.Contains((words[i].Text, words[i + 1].Text)))
            {
                i++;
                continue;
            }

            if (!Single.Contains(words[i].Text) && words[i].Text != "kar")
            {
                kept.Add(words[i]);
            }
        }

        return kept;
    }
}
