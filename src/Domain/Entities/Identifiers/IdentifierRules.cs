using System.Text.RegularExpressions;

namespace ComplianceOs.Domain.Entities.Identifiers;

/// <summary>
/// Format and checksum rules of Indian tax and corporate identifiers. Each check returns null when the value is
/// valid, or a sentence naming what is wrong (the caller adds the field name).
/// </summary>
public static partial class IdentifierRules
{
    private const string Base36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Fourth character of a PAN: the holder's status.</summary>
    private const string PanHolderTypes = "ABCFGHJLPT";

    public static string Normalize(string? value) => (value ?? string.Empty).Trim().ToUpperInvariant();

    public static string? CheckPan(string pan)
    {
        if (!PanPattern().IsMatch(pan))
        {
            return $"'{pan}' is not a PAN: expected 5 letters, 4 digits and a letter (e.g. AAACA1234F)";
        }

        return PanHolderTypes.Contains(pan[3])
            ? null
            : $"'{pan}' has '{pan[3]}' as its 4th character, which is not a PAN holder type ({PanHolderTypes})";
    }

    /// <summary>The PAN holder type an entity of this kind must have (C company, F firm or LLP, P individual).</summary>
    public static char ExpectedPanHolderType(EntityKind kind) => kind switch
    {
        EntityKind.PrivateLimited or EntityKind.PublicLimited => 'C',
        EntityKind.Llp or EntityKind.Partnership => 'F',
        EntityKind.Proprietorship => 'P',
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string? CheckGstin(string gstin)
    {
        if (gstin.Length != 15)
        {
            return $"'{gstin}' is not a GSTIN: it has {gstin.Length} characters, a GSTIN has 15";
        }

        if (!GstinPattern().IsMatch(gstin))
        {
            return $"'{gstin}' is not a GSTIN: expected a 2-digit state code, a PAN, an entity number, 'Z' and a check character";
        }

        var state = gstin[..2];
        if (!IndianStates.IsKnownCode(state))
        {
            return $"'{gstin}' starts with state code {state}, which is not a GST state code";
        }

        var expected = GstinCheckCharacter(gstin.AsSpan(0, 14));
        return gstin[14] == expected
            ? null
            : $"'{gstin}' fails the GSTIN checksum: the check character should be '{expected}', not '{gstin[14]}'";
    }

    /// <summary>The GSTN check character: base-36 weights alternating 1 and 2, digits of each product summed.</summary>
    public static char GstinCheckCharacter(ReadOnlySpan<char> first14)
    {
        var sum = 0;
        for (var i = 0; i < first14.Length; i++)
        {
            var product = Base36.IndexOf(first14[i]) * (i % 2 == 0 ? 1 : 2);
            sum += (product / 36) + (product % 36);
        }

        return Base36[(36 - (sum % 36)) % 36];
    }

    public static string? CheckCin(string cin) =>
        CinPattern().IsMatch(cin)
            ? null
            : $"'{cin}' is not a CIN: expected L or U, 5 digits, a 2-letter state, a 4-digit year, 3 letters and 6 digits (e.g. U72200MH2015PTC123456)";

    public static string? CheckLlpin(string llpin) =>
        LlpinPattern().IsMatch(llpin) ? null : $"'{llpin}' is not an LLPIN: expected 3 letters, a hyphen and 4 digits (e.g. AAB-1234)";

    public static string? CheckTan(string tan) =>
        TanPattern().IsMatch(tan) ? null : $"'{tan}' is not a TAN: expected 4 letters, 5 digits and a letter (e.g. MUMA12345B)";

    [GeneratedRegex("^[A-Z]{5}[0-9]{4}[A-Z]$")]
    private static partial Regex PanPattern();

    [GeneratedRegex("^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")]
    private static partial Regex GstinPattern();

    [GeneratedRegex("^[LU][0-9]{5}[A-Z]{2}[0-9]{4}[A-Z]{3}[0-9]{6}$")]
    private static partial Regex CinPattern();

    [GeneratedRegex("^[A-Z]{3}-[0-9]{4}$")]
    private static partial Regex LlpinPattern();

    [GeneratedRegex("^[A-Z]{4}[0-9]{5}[A-Z]$")]
    private static partial Regex TanPattern();
}
