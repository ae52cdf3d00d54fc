using System.Text.RegularExpressions;

namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// Cuts the free-text part out of a command, exactly as typed: a reason after "because"/":", a comment after the verb,
/// a person after "to", a filing reference after "ARN"/"SRN"/"challan". The span it returns is kept away from the
/// obligation and period readers, so a reason that mentions "March" does not change which March is meant.
/// </summary>
internal static partial class ArgumentReader
{
    /// <param name="Value">The argument, or null when none was given.</param>
    /// <param name="From">Start of the argument's span in the original text (inclusive).</param>
    /// <param name="To">End of the argument's span in the original text (exclusive).</param>
    public readonly record struct Argument(string? Value, int From, int To)
    {
        public static readonly Argument None = new(null, 0, 0);

        public bool Covers(Token token) => Value is not null && token.Start >= From && token.End <= To;
    }

    public static Argument Read(Intent intent, string original, int verbEnd) => intent switch
    {
        Intent.Reject or Intent.Block => Reason(original, verbEnd),
        Intent.Comment => CommentText(original, verbEnd),
        Intent.Reassign => Person(original, verbEnd),
        Intent.File => Reference(original, bareAllowed: true),
        _ => Argument.None,
    };

    /// <summary>A filing reference introduced by its name ("arn", "srn", "challan no"), which alone makes a message a filing.</summary>
    public static Argument NamedReference(string original) => Reference(original, bareAllowed: false);

    private static Argument Reason(string original, int verbEnd)
    {
        var m = ReasonMarker().Match(original, verbEnd);
        return m.Success ? Rest(original, m.Index, m.Index + m.Length) : Argument.None;
    }

    private static Argument CommentText(string original, int verbEnd)
    {
        var colon = Separator().Match(original, verbEnd);
        return colon.Success ? Rest(original, colon.Index, colon.Index + colon.Length) : Rest(original, verbEnd, verbEnd);
    }

    private static Argument Person(string original, int verbEnd)
    {
        var to = ToPerson().Match(original, verbEnd);
        if (to.Success)
        {
            return Clean(PersonEnd().Split(to.Groups[1].Value)[0]) is { } name ? new Argument(name, to.Index, original.Length) : Argument.None;
        }

        // Hinglish: "3b Rahul ko assign karo".
        var ko = KoPerson().Match(original);
        return ko.Success && Clean(ko.Groups[1].Value) is { } person ? new Argument(person, ko.Index, ko.Index + ko.Length) : Argument.None;
    }

    private static Argument Reference(string original, bool bareAllowed)
    {
        var m = NamedRef().Match(original);
        if (m.Success)
        {
            return new Argument(m.Groups[1].Value.ToUpperInvariant(), m.Index, m.Index + m.Length);
        }

        var bare = bareAllowed ? BareRef().Match(original) : Match.Empty;
        return bare.Success ? new Argument(bare.Value.ToUpperInvariant(), bare.Index, bare.Index + bare.Length) : Argument.None;
    }

    private static Argument Rest(string original, int from, int textStart)
    {
        var value = Clean(original[textStart..]);
        return value is null ? Argument.None : new Argument(value, from, original.Length);
    }

    private static string? Clean(string raw)
    {
        var value = Edges().Replace(Spaces().Replace(raw, " "), "");
        value = TrailingFillers().Replace(value, "");
        value = Edges().Replace(value, "");
        return value.Length == 0 ? null : value;
    }

    [GeneratedRegex(@"(?:\b(?:because|becoz|bcoz|bcz|bcuz|coz|cuz|cause|kyunki|kyuki|kyonki|reason(?:\s+is)?|due\s+to)\b\s*[:\-]?\s*|\s*:\s*|\s+-\s+)", RegexOptions.IgnoreCase)]
    private static partial Regex ReasonMarker();

    [GeneratedRegex(@"\s*:\s*|\s+[-–—]\s+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"\bto\s+@?([\p{L}][\p{L}\s.'@]*)", RegexOptions.IgnoreCase)]
    private static partial Regex ToPerson();

    // A name ends where the sentence moves on: "to Priya for march", "to Rahul from tomorrow".
    [GeneratedRegex(@"\s+(?:for|from|since|because|by|asap|as|wef|w\.e\.f)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PersonEnd();

    [GeneratedRegex(@"@?([\p{L}]+)\s+ko\b", RegexOptions.IgnoreCase)]
    private static partial Regex KoPerson();

    [GeneratedRegex(@"\b(?:arn|srn|challan|ack(?:nowledge?ment)?|ref(?:erence)?|crn|cin|utr|trrn|bsr)\b(?:\s*(?:no\.?|number|num|#|id|is))?\s*[:#=\-]?\s*([A-Za-z0-9][A-Za-z0-9\-/]*\d[A-Za-z0-9\-/]*)", RegexOptions.IgnoreCase)]
    private static partial Regex NamedRef();

    [GeneratedRegex(@"\b(?=[A-Za-z0-9]*\d{6})[A-Za-z0-9]{10,}\b")]
    private static partial Regex BareRef();

    [GeneratedRegex(@"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")]
    private static partial Regex Edges();

    [GeneratedRegex(@"(?:\s+(?:please|pls|plz|ji|bhai|sir|asap|now|today|karo|kar\s+do|de\s+do|thanks|thx))+$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingFillers();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
