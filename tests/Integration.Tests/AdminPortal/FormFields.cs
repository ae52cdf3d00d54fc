using ComplianceOs.Domain.Entities.Identifiers;

namespace ComplianceOs.Integration.Tests.AdminPortal;

/// <summary>Form fields as a browser posts them: a key may repeat (checkbox lists, multi-selects).</summary>
public sealed class FormFields : List<KeyValuePair<string, string>>
{
    public FormFields Set(string key, string value)
    {
        RemoveAll(f => f.Key == key);
        Add(new(key, value));
        return this;
    }

    public FormFields Remove(string key)
    {
        RemoveAll(f => f.Key == key);
        return this;
    }

    public FormFields Add(string key, string value)
    {
        Add(new KeyValuePair<string, string>(key, value));
        return this;
    }

    /// <summary>A fresh private company in Karnataka with one monthly GSTIN and PF, as the create form posts it.</summary>
    public static FormFields NewCompany(string name, out string pan, out string gstin)
    {
        pan = $"AABC{(char)('A' + Random.Shared.Next(26))}{Random.Shared.Next(1000, 10000)}Q";
        gstin = Gstin("29", pan);
        return new FormFields()
            .Set("Form.Name", name)
            .Set("Form.Kind", "PrivateLimited")
            .Set("Form.State", "29")
            .Set("Form.Pan", pan)
            .Set("Form.Gstins[0].Gstin", gstin)
            .Set("Form.Gstins[0].Regime", "Monthly")
            .Set("Form.Gstins[1].Gstin", string.Empty)
            .Set("Form.Gstins[1].Regime", "Monthly")
            .Set("Form.PfApplicable", "true")
            .Set("Form.ProfessionalTaxStates", "29")
            .Set("Form.AnnualTurnoverCrore", "12.5")
            .Set("Form.FinancialYearEndMonth", "3")
            .Set("Form.EscalationContactUserId", string.Empty)
            .Set("Form.DirectorUserId", string.Empty);
    }

    /// <summary>A valid GSTIN of <paramref name="pan"/> in <paramref name="state"/> (entity number 1).</summary>
    public static string Gstin(string state, string pan, char entityNumber = '1')
    {
        var body = $"{state}{pan}{entityNumber}Z";
        return body + IdentifierRules.GstinCheckCharacter(body);
    }

    /// <summary>The same GSTIN with a wrong check character.</summary>
    public static string BreakChecksum(string gstin) => gstin[..14] + (gstin[14] == 'A' ? 'B' : 'A');
}
