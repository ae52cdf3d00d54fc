using ComplianceOs.BotHost.Conversation.Parsing;
using NodaTime;

namespace ComplianceOs.Integration.Tests.Conversation.Parsing;

/// <summary>
/// The forgiving parser read against phrasings as Indian finance teams actually type them, all on 22 Nov 2026
/// (FY2026-27, Q3). Each row: message, intent, first obligation code, period key, entity hint, argument.
/// An argument of "=" means the whole message (questions are handed to the assistant as typed).
/// </summary>
public sealed class MessageParserTests
{
    private static readonly LocalDate Today = new(2026, 11, 22);

    public static TheoryData<string, Intent, string?, string?, string?, string?> Phrasings => new()
    {
        // Greeting
        { "hi", Intent.Greeting, null, null, null, null },
        { "Hello 👋", Intent.Greeting, null, null, null, null },
        { "namaste ji 🙏", Intent.Greeting, null, null, null, null },
        { "Good morning team!!", Intent.Greeting, null, null, null, null },
        { "hey bhai", Intent.Greeting, null, null, null, null },
        // Help
        { "help", Intent.Help, null, null, null, null },
        { "HELP!!!", Intent.Help, null, null, null, null },
        { "what can you do?", Intent.Help, null, null, null, null },
        { "hi, what can you do", Intent.Help, null, null, null, null },
        { "hepl pls", Intent.Help, null, null, null, null },
        // MyTasks
        { "my tasks", Intent.MyTasks, null, null, null, null },
        { "what's pending?", Intent.MyTasks, null, null, null, null },
        { "kya pending hai bhai", Intent.MyTasks, null, null, null, null },
        { "todo", Intent.MyTasks, null, null, null, null },
        { "My work pls", Intent.MyTasks, null, null, null, null },
        { "pending items for Acme Services", Intent.MyTasks, null, null, "Acme Services", null },
        { "mera kaam dikhao", Intent.MyTasks, null, null, null, null },
        // Deliveries (admins)
        { "deliveries", Intent.Deliveries, null, null, null, null },
        { "failed deliveries", Intent.Deliveries, null, null, null, null },
        { "any undelivered notifications?", Intent.Deliveries, null, null, null, null },
        // DueThisWeek
        { "what's due this week", Intent.DueThisWeek, null, null, null, null },
        { "due this week?", Intent.DueThisWeek, null, null, null, null },
        { "next 7 days", Intent.DueThisWeek, null, null, null, null },
        { "anything due in the next 7 days for the LLP?", Intent.DueThisWeek, null, null, "LLP", null },
        { "is hafte kya due hai", Intent.DueThisWeek, null, null, null, null },
        { "upcoming deadlines pls", Intent.DueThisWeek, null, null, null, null },
        // Overdue
        { "overdue", Intent.Overdue, null, null, null, null },
        { "what is overdue?", Intent.Overdue, null, null, null, null },
        { "overdeu list", Intent.Overdue, null, null, null, null },
        { "kya late hai yaar", Intent.Overdue, null, null, null, null },
        { "OVERDUE for acme india", Intent.Overdue, null, null, "acme india", null },
        { "overdue pf", Intent.Overdue, "EPF_ECR", null, null, null },
        // Status — explicit and implied
        { "bhai 3b ka status batao march ka", Intent.Status, "GSTR3B", "2026-03", null, null },
        { "status gstr-3b mar 25", Intent.Status, "GSTR3B", "2025-03", null, null },
        { "staus 3b march", Intent.Status, "GSTR3B", "2026-03", null, null },
        { "GSTR3B March 2025", Intent.Status, "GSTR3B", "2025-03", null, null },
        { "gst 3b dec", Intent.Status, "GSTR3B", "2025-12", null, null },
        { "gtsr3b october", Intent.Status, "GSTR3B", "2026-10", null, null },
        { "3b 03/2025 status?", Intent.Status, "GSTR3B", "2025-03", null, null },
        { "3B STATUS FOR ACME SERVICES", Intent.Status, "GSTR3B", null, "ACME SERVICES", null },
        { "gstr1 status for Acme Services", Intent.Status, "GSTR1", null, "Acme Services", null },
        { "gstr 1 last month", Intent.Status, "GSTR1", "2026-10", null, null },
        { "r1 this month", Intent.Status, "GSTR1", "2026-11", null, null },
        { "GSTR-1 previous month ka status", Intent.Status, "GSTR1", "2026-10", null, null },
        { "pf status", Intent.Status, "EPF_ECR", null, null, null },
        { "epf oct", Intent.Status, "EPF_ECR", "2026-10", null, null },
        { "ECR for last month plz", Intent.Status, "EPF_ECR", "2026-10", null, null },
        { "provident fund september status", Intent.Status, "EPF_ECR", "2026-09", null, null },
        { "esi status", Intent.Status, "ESI", null, null, null },
        { "ESIC aug", Intent.Status, "ESI", "2026-08", null, null },
        { "pt status march", Intent.Status, "PT_MH_PTRC", "2026-03", null, null },
        { "professional tax for bharat", Intent.Status, "PT_MH_PTRC", null, "bharat", null },
        { "profesional tax july", Intent.Status, "PT_MH_PTRC", "2026-07", null, null },
        { "tds payment october", Intent.Status, "TDS_PAY", "2026-10", null, null },
        { "tds challan status sept", Intent.Status, "TDS_PAY", "2026-09", null, null },
        { "tds deposit last month", Intent.Status, "TDS_PAY", "2026-10", null, null },
        { "281 for oct", Intent.Status, "TDS_PAY", "2026-10", null, null },
        { "tds return q2", Intent.Status, "TDS_24Q", "FY2026-27-Q2", null, null },
        { "24q Q1 status", Intent.Status, "TDS_24Q", "FY2026-27-Q1", null, null },
        { "26Q q4 fy25", Intent.Status, "TDS_26Q", "FY2024-25-Q4", null, null },
        { "tds return jul-sep", Intent.Status, "TDS_24Q", "FY2026-27-Q2", null, null },
        { "26q Jul to Sep", Intent.Status, "TDS_26Q", "FY2026-27-Q2", null, null },
        { "24q Oct–Dec 2025", Intent.Status, "TDS_24Q", "FY2025-26-Q3", null, null },
        { "aoc 4 FY 2024-25", Intent.Status, "AOC4", "FY2024-25", null, null },
        { "aoc-4 status last fy", Intent.Status, "AOC4", "FY2025-26", null, null },
        { "mgt 7 fy24-25", Intent.Status, "MGT7", "FY2024-25", null, null },
        { "mgt7a status", Intent.Status, "MGT7", null, null, null },
        { "annual return for acme india", Intent.Status, "MGT7", null, "acme india", null },
        { "dir kyc status", Intent.Status, "DIR3KYC", null, null, null },
        { "dir-3 kyc this fy", Intent.Status, "DIR3KYC", "FY2026-27", null, null },
        { "KYC status of directors", Intent.Status, "DIR3KYC", null, null, null },
        { "advance tax q3", Intent.Status, "ADV_TAX", "FY2026-27-Q3", null, null },
        { "advnce tax status", Intent.Status, "ADV_TAX", null, null, null },
        { "itr status FY25", Intent.Status, "ITR6", "FY2024-25", null, null },
        { "ITR for the LLP", Intent.Status, "ITR5_LLP", null, "LLP", null },
        { "income tax return ay 2025-26", Intent.Status, "ITR6", "FY2024-25", null, null },
        { "tax audit status", Intent.Status, "TAX_AUDIT", null, null, null },
        { "3cd fy 2025-26", Intent.Status, "TAX_AUDIT", "FY2025-26", null, null },
        { "3ceb status", Intent.Status, "TP_3CEB", null, null, null },
        { "tp report last fy", Intent.Status, "TP_3CEB", "FY2025-26", null, null },
        { "gstr9 FY 2024-25", Intent.Status, "GSTR9", "FY2024-25", null, null },
        { "gst annual return fy25", Intent.Status, "GSTR9", "FY2024-25", null, null },
        { "9c status", Intent.Status, "GSTR9C", null, null, null },
        { "GSTR-9C FY2024-25", Intent.Status, "GSTR9C", "FY2024-25", null, null },
        { "pmt 06 august", Intent.Status, "GST_PMT06", "2026-08", null, null },
        { "PMT-06 status", Intent.Status, "GST_PMT06", null, null, null },
        { "form 16 status", Intent.Status, "FORM16", null, null, null },
        { "16a q2", Intent.Status, "FORM16A", "FY2026-27-Q2", null, null },
        { "dpt 3 status", Intent.Status, "DPT3", null, null, null },
        { "msme 1 h1", Intent.Status, "MSME1", "FY2026-27-H1", null, null },
        { "msme-1 Apr–Sep", Intent.Status, "MSME1", "FY2026-27-H1", null, null },
        { "msme1 H2 FY25", Intent.Status, "MSME1", "FY2024-25-H2", null, null },
        { "adt 1 status", Intent.Status, "ADT1", null, null, null },
        { "agm status this fy", Intent.Status, "AGM", "FY2026-27", null, null },
        { "form 11 LLP ka", Intent.Status, "LLP_FORM11", null, "LLP", null },
        { "form 8 status FY 2025-26", Intent.Status, "LLP_FORM8", "FY2025-26", null, null },
        { "gstr1 Q2 FY 2025-26", Intent.Status, "GSTR1", "FY2025-26-Q2", null, null },
        { "3b last quarter", Intent.Status, "GSTR3B", "FY2026-27-Q2", null, null },
        { "3b 2025-03", Intent.Status, "GSTR3B", "2025-03", null, null },
        { "3b mar'25", Intent.Status, "GSTR3B", "2025-03", null, null },
        { "3b q4", Intent.Status, "GSTR3B", "FY2025-26-Q4", null, null },
        { "gstr1 jan-mar", Intent.Status, "GSTR1", "FY2025-26-Q4", null, null },
        { "GSTR1 Q4 FY 2024-25", Intent.Status, "GSTR1", "FY2024-25-Q4", null, null },
        { "msme oct to mar", Intent.Status, "MSME1", "FY2026-27-H2", null, null },
        { "pf febuary", Intent.Status, "EPF_ECR", "2026-02", null, null },
        { "esi 11/2026", Intent.Status, "ESI", "2026-11", null, null },
        { "where is 3b for nov", Intent.Status, "GSTR3B", "2026-11", null, null },
        // Start
        { "start 3b march", Intent.Start, "GSTR3B", "2026-03", null, null },
        { "begin pf oct", Intent.Start, "EPF_ECR", "2026-10", null, null },
        { "working on tds return q2", Intent.Start, "TDS_24Q", "FY2026-27-Q2", null, null },
        { "strat gstr1 this month", Intent.Start, "GSTR1", "2026-11", null, null },
        { "3b shuru karo", Intent.Start, "GSTR3B", null, null, null },
        // Submit
        { "submit 3b march", Intent.Submit, "GSTR3B", "2026-03", null, null },
        { "sumbit gstr1 oct 🙏", Intent.Submit, "GSTR1", "2026-10", null, null },
        { "send for approval: pf october", Intent.Submit, "EPF_ECR", "2026-10", null, null },
        { "esi sept submit for approval", Intent.Submit, "ESI", "2026-09", null, null },
        { "tds return Q2 ready for review", Intent.Submit, "TDS_24Q", "FY2026-27-Q2", null, null },
        // Approve
        { "approve 3b march", Intent.Approve, "GSTR3B", "2026-03", null, null },
        { "aprove gstr-3b mar 25", Intent.Approve, "GSTR3B", "2025-03", null, null },
        { "ok approved", Intent.Approve, null, null, null, null },
        { "lgtm 👍", Intent.Approve, null, null, null, null },
        { "3b march approve kar do", Intent.Approve, "GSTR3B", "2026-03", null, null },
        { "Approve PF for Acme Services", Intent.Approve, "EPF_ECR", null, "Acme Services", null },
        // Reject
        { "reject 3b march because ITC mismatch with 2B", Intent.Reject, "GSTR3B", "2026-03", null, "ITC mismatch with 2B" },
        { "reject gstr1 oct: HSN summary missing", Intent.Reject, "GSTR1", "2026-10", null, "HSN summary missing" },
        { "rejct pf sept reason wrong wage ceiling", Intent.Reject, "EPF_ECR", "2026-09", null, "wrong wage ceiling" },
        { "3b reject kar do kyunki march ka RCM missing hai", Intent.Reject, "GSTR3B", null, null, "march ka RCM missing hai" },
        { "reject tds return q2 - PAN errors in 12 deductees", Intent.Reject, "TDS_24Q", "FY2026-27-Q2", null, "PAN errors in 12 deductees" },
        // File
        { "file 3b march with ARN AA270326012345X", Intent.File, "GSTR3B", "2026-03", null, "AA270326012345X" },
        { "filed, arn aa270326012345x", Intent.File, null, null, null, "AA270326012345X" },
        { "3b oct filed arn: AA271026098765Z ✅", Intent.File, "GSTR3B", "2026-10", null, "AA271026098765Z" },
        { "aoc-4 filed srn T12345678", Intent.File, "AOC4", null, null, "T12345678" },
        { "tds payment oct challan no 28100512345", Intent.File, "TDS_PAY", "2026-10", null, "28100512345" },
        { "paid pf oct, challan 1234567890", Intent.File, "EPF_ECR", "2026-10", null, "1234567890" },
        { "gstr1 sept file ho gaya AA270926011111A", Intent.File, "GSTR1", "2026-09", null, "AA270926011111A" },
        { "SRN: F98765432 for mgt 7", Intent.File, "MGT7", null, null, "F98765432" },
        // Block
        { "block pf oct because salary data not received", Intent.Block, "EPF_ECR", "2026-10", null, "salary data not received" },
        { "3b march blocked: waiting for purchase register", Intent.Block, "GSTR3B", "2026-03", null, "waiting for purchase register" },
        { "blcok tds return q2 due to TRACES down", Intent.Block, "TDS_24Q", "FY2026-27-Q2", null, "TRACES down" },
        { "esi stuck because portal down", Intent.Block, "ESI", null, null, "portal down" },
        // Unblock
        { "unblock pf oct", Intent.Unblock, "EPF_ECR", "2026-10", null, null },
        { "Unblock 3b march pls", Intent.Unblock, "GSTR3B", "2026-03", null, null },
        { "unblcok tds return q2", Intent.Unblock, "TDS_24Q", "FY2026-27-Q2", null, null },
        // Comment
        { "comment 3b march: client sent invoices late", Intent.Comment, "GSTR3B", "2026-03", null, "client sent invoices late" },
        { "note: waiting for CFO sign-off", Intent.Comment, null, null, null, "waiting for CFO sign-off" },
        { "pf oct note - 3 new joiners added", Intent.Comment, "EPF_ECR", "2026-10", null, "3 new joiners added" },
        { "comemnt on gstr1 sept: B2CS revised", Intent.Comment, "GSTR1", "2026-09", null, "B2CS revised" },
        // Reassign
        { "reassign 3b march to Rahul", Intent.Reassign, "GSTR3B", "2026-03", null, "Rahul" },
        { "assign pf to Priya Sharma pls", Intent.Reassign, "EPF_ECR", null, null, "Priya Sharma" },
        { "reasign tds return q2 to @Anil for the LLP", Intent.Reassign, "TDS_24Q", "FY2026-27-Q2", null, "Anil" },
        { "3b oct Rahul ko assign karo", Intent.Reassign, "GSTR3B", "2026-10", null, "Rahul" },
        // Dashboard
        { "dashboard", Intent.Dashboard, null, null, null, null },
        { "dashbaord pls", Intent.Dashboard, null, null, null, null },
        { "control tower", Intent.Dashboard, null, null, null, null },
        { "summary for cfo", Intent.Dashboard, null, null, null, null },
        { "dashboard for Acme Services", Intent.Dashboard, null, null, "Acme Services", null },
        // History
        { "history 3b march", Intent.History, "GSTR3B", "2026-03", null, null },
        { "audit trail for pf oct", Intent.History, "EPF_ECR", "2026-10", null, null },
        { "who changed 3b march?", Intent.History, "GSTR3B", "2026-03", null, null },
        { "hsitory gstr1", Intent.History, "GSTR1", null, null, null },
        // Question
        { "when is gstr-3b due for march?", Intent.Question, "GSTR3B", "2026-03", null, "=" },
        { "what is the late fee on 3b?", Intent.Question, "GSTR3B", null, null, "=" },
        { "which form for auditor appointment?", Intent.Question, "ADT1", null, null, "=" },
        { "how do I pay advance tax", Intent.Question, "ADV_TAX", null, null, "=" },
        { "why is pf for oct overdue?", Intent.Question, "EPF_ECR", "2026-10", null, "=" },
        { "does the LLP need tax audit?", Intent.Question, "TAX_AUDIT", null, "LLP", "=" },
        { "can we file 3b after the due date?", Intent.Question, "GSTR3B", null, null, "=" },
        { "is 3b overdue for march?", Intent.Question, "GSTR3B", "2026-03", null, "=" },
        { "3b kab due hai march ka", Intent.Question, "GSTR3B", "2026-03", null, "=" },
        { "dpt 3 applicable for us?", Intent.Question, "DPT3", null, null, "=" },
        { "interest on late tds deposit?", Intent.Question, "TDS_PAY", null, null, "=" },
        // Unknown
        { "asdf", Intent.Unknown, null, null, null, null },
        { "🙂🙂", Intent.Unknown, null, null, null, null },
        { "", Intent.Unknown, null, null, null, null },
        { "lunch?", Intent.Question, null, null, null, "=" },
        { "the quick brown fox", Intent.Unknown, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Phrasings))]
    public void Parse_ReadsHowFinancePeopleWrite(string text, Intent intent, string? firstCode, string? period, string? entity, string? argument)
    {
        var parsed = MessageParser.Parse(text, Today);

        Assert.Equal(intent, parsed.Intent);
        Assert.Equal(firstCode, parsed.ObligationCodes.FirstOrDefault());
        Assert.Equal(period, parsed.Period?.Key);
        Assert.Equal(entity, parsed.EntityHint);
        Assert.Equal(argument == "=" ? text.Trim() : argument, parsed.Argument);
    }

    [Fact]
    public void MonthNameLaterThanTodaysMonth_MeansLastYears()
    {
        Assert.Equal("2025-12", Key("3b december", Today));
        Assert.Equal("2026-11", Key("3b november", Today));
        Assert.Equal("2025-12", Key("3b dec", Today));
    }

    [Fact]
    public void QuarterFourBeforeJanuary_MeansTheOneJustGone()
    {
        Assert.Equal("FY2025-26-Q4", Key("3b q4", new LocalDate(2026, 12, 31)));
        Assert.Equal("FY2026-27-Q4", Key("3b q4", new LocalDate(2027, 1, 1)));
        Assert.Equal("FY2026-27-Q3", Key("3b q3", new LocalDate(2026, 10, 1)));
        Assert.Equal("FY2025-26-Q3", Key("3b q3", new LocalDate(2026, 9, 30)));
    }

    [Fact]
    public void HalfTwoBeforeOctober_MeansTheOneJustGone()
    {
        Assert.Equal("FY2025-26-H2", Key("msme h2", new LocalDate(2026, 8, 1)));
        Assert.Equal("FY2026-27-H2", Key("msme h2", new LocalDate(2026, 10, 1)));
    }

    [Fact]
    public void FinancialYearTurnsOverOnFirstApril()
    {
        var march31 = new LocalDate(2026, 3, 31);
        var april1 = new LocalDate(2026, 4, 1);

        Assert.Equal("FY2025-26", Key("agm this fy", march31));
        Assert.Equal("FY2026-27", Key("agm this fy", april1));
        Assert.Equal("FY2024-25", Key("agm last fy", march31));
        Assert.Equal("FY2025-26", Key("agm last fy", april1));
        Assert.Equal("FY2025-26-Q1", Key("24q q1", march31));
        Assert.Equal("FY2026-27-Q1", Key("24q q1", april1));
        Assert.Equal("2025-04", Key("pf april", march31));
        Assert.Equal("2026-03", Key("pf march", april1));
    }

    [Fact]
    public void TwoDigitFinancialYear_IsTheYearItEndsIn()
    {
        Assert.Equal("FY2024-25", Key("gstr9 FY25", Today));
        Assert.Equal("FY2024-25", Key("gstr9 FY24-25", Today));
        Assert.Equal("FY2024-25", Key("gstr9 2024-25", Today));
        Assert.Equal("FY2025-26-Q2", Key("26q Q2 FY 2025-26", Today));
    }

    [Fact]
    public void LastMonthInJanuary_IsDecemberOfTheYearBefore()
    {
        var january = new LocalDate(2027, 1, 10);

        Assert.Equal("2026-12", Key("pf last month", january));
        Assert.Equal("2026-12", Key("pf previous month", january));
        Assert.Equal("2027-01", Key("pf this month", january));
        Assert.Equal("2026-12", Key("pf december", january));
    }

    [Fact]
    public void LeapDay_ChangesNothing()
    {
        var leapDay = new LocalDate(2028, 2, 29);

        Assert.Equal("2028-01", Key("pf last month", leapDay));
        Assert.Equal("2028-02", Key("pf feb", leapDay));
        Assert.Equal("FY2027-28-Q3", Key("3b last quarter", leapDay));
        Assert.Equal("FY2027-28-Q4", Key("3b q4", leapDay));
    }

    [Fact]
    public void PeriodKinds_FollowTheForm()
    {
        Assert.Equal(PeriodKind.Month, MessageParser.Parse("3b march", Today).Period?.Kind);
        Assert.Equal(PeriodKind.Quarter, MessageParser.Parse("24q jul-sep", Today).Period?.Kind);
        Assert.Equal(PeriodKind.HalfYear, MessageParser.Parse("msme apr-sep", Today).Period?.Kind);
        Assert.Equal(PeriodKind.FinancialYear, MessageParser.Parse("aoc 4 fy25", Today).Period?.Kind);
    }

    [Fact]
    public void FamilyAliases_ListEveryCandidateInOrder()
    {
        Assert.Equal(["GSTR3B", "GSTR3B_QRMP"], MessageParser.Parse("gst 3b", Today).ObligationCodes);
        Assert.Equal(["GSTR1", "GSTR1_QRMP"], MessageParser.Parse("gstr 1", Today).ObligationCodes);
        Assert.Equal(["PT_MH_PTRC", "PT_KA", "PT_MH_PTEC", "PT_KA_FORM5"], MessageParser.Parse("pt", Today).ObligationCodes);
        Assert.Equal(["TDS_24Q", "TDS_26Q"], MessageParser.Parse("tds return", Today).ObligationCodes);
        Assert.Equal(["TDS_26Q"], MessageParser.Parse("tds return 26q", Today).ObligationCodes);
        Assert.Equal(["ITR6", "ITR5_LLP"], MessageParser.Parse("itr", Today).ObligationCodes);
        Assert.Empty(MessageParser.Parse("my tasks", Today).ObligationCodes);
    }

    [Fact]
    public void ReasonNamingAMonth_DoesNotChangeThePeriod()
    {
        var parsed = MessageParser.Parse("reject 3b oct because march numbers were carried forward", Today);

        Assert.Equal(Intent.Reject, parsed.Intent);
        Assert.Equal("2026-10", parsed.Period?.Key);
        Assert.Equal("march numbers were carried forward", parsed.Argument);
    }

    private static string? Key(string text, LocalDate today) => MessageParser.Parse(text, today).Period?.Key;
}
