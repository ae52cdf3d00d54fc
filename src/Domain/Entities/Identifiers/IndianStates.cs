namespace ComplianceOs.Domain.Entities.Identifiers;

/// <summary>GST state codes (the first two digits of a GSTIN) and their names.</summary>
public static class IndianStates
{
    private static readonly Dictionary<string, string> ByCode = new(StringComparer.Ordinal)
    {
        ["01"] = "Jammu and Kashmir",
        ["02"] = "Himachal Pradesh",
        ["03"] = "Punjab",
        ["04"] = "Chandigarh",
        ["05"] = "Uttarakhand",
        ["06"] = "Haryana",
        ["07"] = "Delhi",
        ["08"] = "Rajasthan",
        ["09"] = "Uttar Pradesh",
        ["10"] = "Bihar",
        ["11"] = "Sikkim",
        ["12"] = "Arunachal Pradesh",
        ["13"] = "Nagaland",
        ["14"] = "Manipur",
        ["15"] = "Mizoram",
        ["16"] = "Tripura",
        ["17"] = "Meghalaya",
        ["18"] = "Assam",
        ["19"] = "West Bengal",
        ["20"] = "Jharkhand",
        ["21"] = "Odisha",
        ["22"] = "Chhattisgarh",
        ["23"] = "Madhya Pradesh",
        ["24"] = "Gujarat",
        ["25"] = "Daman and Diu",
        ["26"] = "Dadra and Nagar Haveli and Daman and Diu",
        ["27"] = "Maharashtra",
        ["28"] = "Andhra Pradesh (before division)",
        ["29"] = "Karnataka",
        ["30"] = "Goa",
        ["31"] = "Lakshadweep",
        ["32"] = "Kerala",
        ["33"] = "Tamil Nadu",
        ["34"] = "Puducherry",
        ["35"] = "Andaman and Nicobar Islands",
        ["36"] = "Telangana",
        ["37"] = "Andhra Pradesh",
        ["38"] = "Ladakh",
        ["97"] = "Other Territory",
        ["99"] = "Centre Jurisdiction",
    };

    public static IReadOnlyDictionary<string, string> All => ByCode;

    public static bool IsKnownCode(string code) => ByCode.ContainsKey(code);

    public static string NameOf(string code) => ByCode.TryGetValue(code, out var name) ? name : code;

    /// <summary>Accepts a two-digit code ("27") or a name ("Maharashtra", any case).</summary>
    public static bool TryResolve(string? codeOrName, out string code)
    {
        code = string.Empty;
        var value = codeOrName?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (ByCode.ContainsKey(value))
        {
            code = value;
            return true;
        }

        foreach (var (c, name) in ByCode)
        {
            if (string.Equals(name, value, StringComparison.OrdinalIgnoreCase))
            {
                code = c;
                return true;
            }
        }

        return false;
    }
}
