using System.Text.RegularExpressions;
using ComplianceOs.Domain.Entities;
using ComplianceOs.Domain.Entities.Identifiers;

namespace ComplianceOs.BotHost.Conversation.Assistant;

/// <summary>
/// The facts a due-date rule may need, as a question states them: the GST regime ("qrmp", "quarterly 3B",
/// "monthly filer"), the state (a state's name, a city, a GSTIN's first two digits) and the kind of entity ("LLP").
/// What the question does not say is taken from the asker's entities, or asked for.
/// </summary>
public sealed partial record QuestionFacts(GstRegime? Regime, string? StateCode, EntityKind? Kind, bool? TransferPricing = null)
{
    private static readonly Dictionary<string, string> Places = new(StringComparer.Ordinal)
    {
        ["mumbai"] = "27", ["bombay"] = "27", ["pune"] = "27", ["nagpur"] = "27", ["thane"] = "27", ["nashik"] = "27", ["navi mumbai"] = "27", ["mh"] = "27",
        ["bengaluru"] = "29", ["bangalore"] = "29", ["mysuru"] = "29", ["mysore"] = "29", ["mangaluru"] = "29", ["mangalore"] = "29",
        ["chennai"] = "33", ["madras"] = "33", ["coimbatore"] = "33", ["tn"] = "33",
        ["hyderabad"] = "36", ["secunderabad"] = "36", ["vijayawada"] = "37", ["visakhapatnam"] = "37", ["vizag"] = "37",
        ["new delhi"] = "07", ["ncr delhi"] = "07", ["gurgaon"] = "06", ["gurugram"] = "06", ["faridabad"] = "06",
        ["noida"] = "09", ["greater noida"] = "09", ["lucknow"] = "09", ["kanpur"] = "09", ["ghaziabad"] = "09",
        ["kolkata"] = "19", ["calcutta"] = "19", ["wb"] = "19", ["ahmedabad"] = "24", ["surat"] = "24", ["vadodara"] = "24", ["baroda"] = "24", ["rajkot"] = "24", ["gj"] = "24",
        ["jaipur"] = "08", ["jodhpur"] = "08", ["udaipur"] = "08", ["kochi"] = "32", ["cochin"] = "32", ["trivandrum"] = "32", ["thiruvananthapuram"] = "32",
        ["bhopal"] = "23", ["indore"] = "23", ["patna"] = "10", ["bhubaneswar"] = "21", ["orissa"] = "21", ["guwahati"] = "18", ["panaji"] = "30",
        ["ludhiana"] = "03", ["amritsar"] = "03", ["mohali"] = "03", ["dehradun"] = "05", ["shimla"] = "02", ["srinagar"] = "01", ["jammu"] = "01",
        ["ranchi"] = "20", ["jamshedpur"] = "20", ["raipur"] = "22", ["port blair"] = "35", ["andaman"] = "35", ["pondicherry"] = "34",
        ["leh"] = "38", ["gangtok"] = "11", ["shillong"] = "17", ["agartala"] = "16", ["imphal"] = "14", ["aizawl"] = "15", ["kohima"] = "13", ["itanagar"] = "12",
        ["silvassa"] = "26", ["daman"] = "26",
    };

    public static QuestionFacts Read(string text)
    {
        var lower = " " + Spaces().Replace(text.ToLowerInvariant(), " ") + " ";
        GstRegime? regime = Regex.IsMatch(lower, @"\b(qrmp|quarterly|quaterly|qtrly|quarter wise|quarterly filer|small taxpayer)\b") ? GstRegime.Qrmp
            : Regex.IsMatch(lower, @"\b(monthly|non[- ]qrmp|not (in|under) qrmp|mnthly)\b") ? GstRegime.Monthly
            : null;
        return new QuestionFacts(regime, State(text, lower), Regex.IsMatch(lower, @"\bllps?\b") ? EntityKind.Llp
            : Regex.IsMatch(lower, @"\b(pvt|private limited|private ltd|company)\b") ? EntityKind.PrivateLimited : null,
            Regex.IsMatch(lower, @"\b(no|non|not|without|nahi)[- ](a )?(tp|transfer pricing|3ceb)\b|\b(tp|3ceb|transfer pricing) (not|nahi) (required|applicable)") ? false
            : Regex.IsMatch(lower, @"\b(tp case|transfer pricing|3ceb|tp applicable)\b") ? true : null);
    }

    private static string? State(string text, string lower)
    {
        if (Gstin().Match(text.ToUpperInvariant()) is { Success: true } g && IndianStates.IsKnownCode(g.Value[..2]))
        {
            return g.Value[..2];
        }

        // Longest names first: "Andhra Pradesh (before division)" must not win over "Andhra Pradesh".
        foreach (var (code, name) in IndianStates.All.Where(s => s.Key is not ("97" or "99" or "28" or "25")).OrderByDescending(s => s.Value.Length))
        {
            if (lower.Contains(" " + name.ToLowerInvariant() + " ", StringComparison.Ordinal) || lower.Contains(" " + name.ToLowerInvariant() + "?", StringComparison.Ordinal))
            {
                return code;
            }
        }

        foreach (var (place, code) in Places.OrderByDescending(p => p.Key.Length))
        {
            if (Regex.IsMatch(lower, $@"(?<![a-z]){Regex.Escape(place)}(?![a-z])"))
            {
                return code;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]\b")]
    private static partial Regex Gstin();

    [GeneratedRegex(@"[\s,;:!()?]+")]
    private static partial Regex Spaces();
}
