namespace ComplianceOs.BotHost.Conversation.Parsing;

/// <summary>
/// How finance people name the catalog's obligations. Aliases are written squashed (no spaces or dashes) because
/// people write the same form as "gstr-3b", "gstr 3b", "GSTR3B" and "gst 3b": the reader squashes up to four
/// neighbouring words and looks the result up here.
/// </summary>
internal static class ObligationAliases
{
    private static readonly string[] Gstr1 = ["GSTR1", "GSTR1_QRMP"];
    private static readonly string[] Gstr3B = ["GSTR3B", "GSTR3B_QRMP"];
    private static readonly string[] TdsReturns = ["TDS_24Q", "TDS_26Q"];
    private static readonly string[] ProfessionTax = ["PT_MH_PTRC", "PT_KA", "PT_MH_PTEC", "PT_KA_FORM5"];
    private static readonly string[] Itr = ["ITR6", "ITR5_LLP"];

    public static readonly IReadOnlyDictionary<string, string[]> ByAlias = new Dictionary<string, string[]>
    {
        ["gstr1"] = Gstr1, ["gst1"] = Gstr1, ["r1"] = Gstr1, ["gstr1qrmp"] = ["GSTR1_QRMP"], ["iff"] = ["GSTR1_QRMP"],
        ["gstr3b"] = Gstr3B, ["gst3b"] = Gstr3B, ["3b"] = Gstr3B, ["gstr3"] = Gstr3B, ["gstr3bqrmp"] = ["GSTR3B_QRMP"],
        ["pmt06"] = ["GST_PMT06"], ["pmt6"] = ["GST_PMT06"], ["gstpmt06"] = ["GST_PMT06"],
        ["gstr9"] = ["GSTR9"], ["gst9"] = ["GSTR9"], ["gstannualreturn"] = ["GSTR9"], ["gstannual"] = ["GSTR9"],
        ["gstr9c"] = ["GSTR9C"], ["gst9c"] = ["GSTR9C"], ["9c"] = ["GSTR9C"], ["gstaudit"] = ["GSTR9C"],
        ["tdspayment"] = ["TDS_PAY"], ["tdschallan"] = ["TDS_PAY"], ["tdsdeposit"] = ["TDS_PAY"], ["tdspay"] = ["TDS_PAY"],
        ["281"] = ["TDS_PAY"], ["itns281"] = ["TDS_PAY"], ["challan281"] = ["TDS_PAY"],
        ["tds"] = ["TDS_PAY", "TDS_24Q", "TDS_26Q"],
        ["tdsreturn"] = TdsReturns, ["tdsreturns"] = TdsReturns, ["tdsstatement"] = TdsReturns,
        ["24q"] = ["TDS_24Q"], ["form24q"] = ["TDS_24Q"], ["salarytds"] = ["TDS_24Q"],
        ["26q"] = ["TDS_26Q"], ["form26q"] = ["TDS_26Q"],
        ["form16"] = ["FORM16"], ["16a"] = ["FORM16A"], ["form16a"] = ["FORM16A"],
        ["advancetax"] = ["ADV_TAX"], ["advtax"] = ["ADV_TAX"],
        ["itr"] = Itr, ["incometax"] = Itr, ["incometaxreturn"] = Itr, ["itreturn"] = Itr, ["itr6"] = ["ITR6"], ["itr5"] = ["ITR5_LLP"],
        ["taxaudit"] = ["TAX_AUDIT"], ["3cd"] = ["TAX_AUDIT"], ["3ca"] = ["TAX_AUDIT"], ["3cb"] = ["TAX_AUDIT"],
        ["form3cd"] = ["TAX_AUDIT"], ["taxauditreport"] = ["TAX_AUDIT"],
        ["3ceb"] = ["TP_3CEB"], ["form3ceb"] = ["TP_3CEB"], ["tpreport"] = ["TP_3CEB"], ["transferpricing"] = ["TP_3CEB"],
        ["tp"] = ["TP_3CEB"],
        ["pf"] = ["EPF_ECR"], ["epf"] = ["EPF_ECR"], ["ecr"] = ["EPF_ECR"], ["epfo"] = ["EPF_ECR"],
        ["providentfund"] = ["EPF_ECR"], ["epfecr"] = ["EPF_ECR"], ["pfecr"] = ["EPF_ECR"],
        ["esi"] = ["ESI"], ["esic"] = ["ESI"],
        ["pt"] = ProfessionTax, ["professionaltax"] = ProfessionTax, ["professiontax"] = ProfessionTax, ["proftax"] = ProfessionTax,
        ["ptrc"] = ["PT_MH_PTRC"], ["ptec"] = ["PT_MH_PTEC"], ["form5a"] = ["PT_KA"], ["ptform5"] = ["PT_KA_FORM5"],
        ["agm"] = ["AGM"], ["annualgeneralmeeting"] = ["AGM"],
        ["aoc4"] = ["AOC4"], ["aoc4xbrl"] = ["AOC4"],
        ["mgt7"] = ["MGT7"], ["mgt7a"] = ["MGT7"], ["annualreturn"] = ["MGT7"], ["rocannualreturn"] = ["MGT7"],
        ["adt1"] = ["ADT1"], ["auditorappointment"] = ["ADT1"],
        ["dir3kyc"] = ["DIR3KYC"], ["dirkyc"] = ["DIR3KYC"], ["kyc"] = ["DIR3KYC"], ["dir3"] = ["DIR3KYC"],
        ["directorkyc"] = ["DIR3KYC"],
        ["dpt3"] = ["DPT3"], ["msme1"] = ["MSME1"], ["msme"] = ["MSME1"],
        ["form11"] = ["LLP_FORM11"], ["llpform11"] = ["LLP_FORM11"], ["form8"] = ["LLP_FORM8"], ["llpform8"] = ["LLP_FORM8"],
    };
}
