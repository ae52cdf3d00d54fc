using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ComplianceOs.Domain.Knowledge;
using ComplianceOs.Rag.Ingestion;

namespace ComplianceOs.Benchmarks.Knowledge;

/// <summary>
/// The benchmark's documents: a tenant's working papers (board minutes, GST reconciliations, TDS working notes,
/// statutory audit memos) and global circular summaries (CBIC, CBDT, MCA, EPFO), in Markdown with headings and
/// paragraphs, written from a vocabulary of Indian compliance terms, form codes, sections, entities, people, months
/// and amounts. Deterministic: the same seed and target give the same documents, byte for byte, on every run.
/// Chunked with the product's <see cref="Chunker"/>, so the chunk count is known before anything is ingested.
/// </summary>
public static partial class KnowledgeCorpus
{
    /// <summary>Documents until their chunks reach <paramref name="targetChunks"/> (the last document may overshoot it).</summary>
    public static IReadOnlyList<IngestDocument> Generate(Guid tenantId, int targetChunks, int seed = 20261123)
    {
        var random = new Random(seed);
        var entities = EntityNames(random, 18);
        var documents = new List<IngestDocument>();
        var chunks = 0;
        for (var n = 1; chunks < targetChunks; n++)
        {
            var writer = new Writer(random, entities);
            var roll = random.Next(100);
            var (key, title, markdown, global) = roll switch
            {
                < 20 => BoardMinutes(writer, n),
                < 40 => GstReconciliation(writer, n),
                < 60 => TdsWorkingNote(writer, n),
                < 75 => AuditMemo(writer, n),
                _ => CircularSummary(writer, n),
            };
            var chunked = Chunker.Chunk(markdown);
            documents.Add(new IngestDocument(global ? null : tenantId, key, title, KnowledgeKind.Markdown, null, chunked));
            chunks += chunked.Count;
        }

        return documents;
    }

    private static (string Key, string Title, string Markdown, bool Global) BoardMinutes(Writer w, int n)
    {
        var entity = w.Entity;
        var (month, year) = w.MonthYear();
        var meeting = w.Random.Next(12, 160);
        var title = $"Minutes of the {Ordinal(meeting)} meeting of the Board of Directors of {entity} — {month} {year}";
        var md = w.Start(title);
        w.Section(md, "Attendance and quorum", 1, 2, Pool.Attendance);
        w.Section(md, "Confirmation of the minutes of the previous meeting", 1, 1, Pool.PreviousMinutes);
        w.Section(md, "Statutory compliance status report", 2, 4, Pool.ComplianceStatus);
        if (w.Random.Next(2) == 0)
        {
            w.Section(md, "Annual return and financial statements (MGT-7 / MGT-7A, AOC-4)", 1, 3, Pool.AnnualFilings);
        }

        if (w.Random.Next(3) == 0)
        {
            w.Section(md, "DIR-3 KYC and disclosures of interest (MBP-1, DIR-8)", 1, 2, Pool.DirectorKyc);
        }

        if (w.Random.Next(2) == 0)
        {
            w.Section(md, "Related party transactions under section 188", 1, 2, Pool.RelatedParty);
        }

        if (w.Random.Next(3) == 0)
        {
            w.Section(md, "Borrowings, loans and investments (sections 179, 180(1)(c), 185 and 186)", 1, 2, Pool.Borrowings);
        }

        w.Section(md, "Any other business", 1, 2, Pool.OtherBusiness);
        return ($"bench:minutes:{n:D6}", title, md.ToString(), false);
    }

    private static (string Key, string Title, string Markdown, bool Global) GstReconciliation(Writer w, int n)
    {
        var (month, year) = w.MonthYear();
        var title = $"GSTR-2B vs purchase register reconciliation — {w.Entity} — {month} {year}";
        var md = w.Start(title);
        w.Section(md, "Summary", 1, 2, Pool.GstSummary);
        w.Section(md, "Input tax credit mismatches", 2, 4, Pool.ItcMismatch);
        w.Section(md, "Suppliers who have not filed GSTR-1", 1, 3, Pool.NonFilers);
        if (w.Random.Next(2) == 0)
        {
            w.Section(md, "Reversal under Rules 37, 42 and 43", 1, 2, Pool.Reversal);
        }

        w.Section(md, "GSTR-3B: tax paid, interest and late fee", 1, 3, Pool.Gstr3b);
        if (w.Random.Next(3) == 0)
        {
            w.Section(md, "E-invoicing and e-way bills", 1, 2, Pool.EInvoice);
        }

        w.Section(md, "Action items", 1, 2, Pool.Actions);
        return ($"bench:gst-reco:{n:D6}", title, md.ToString(), false);
    }

    private static (string Key, string Title, string Markdown, bool Global) TdsWorkingNote(Writer w, int n)
    {
        var quarter = w.Random.Next(1, 5);
        var fy = w.Pick(Vocab.FinancialYears);
        var title = $"TDS working note — Q{quarter} FY {fy} — {w.Entity}";
        var md = w.Start(title);
        w.Section(md, "Deductions during the quarter", 2, 4, Pool.TdsDeductions);
        w.Section(md, "Deposit of tax and challans (ITNS 281)", 1, 3, Pool.TdsDeposit);
        w.Section(md, "Interest under section 201(1A) and fee under section 234E", 1, 2, Pool.TdsInterest);
        w.Section(md, quarter == 4 ? "Returns 24Q and 26Q, Form 16 and Form 16A" : "Returns 24Q and 26Q", 1, 3, Pool.TdsReturns);
        if (w.Random.Next(3) == 0)
        {
            w.Section(md, "Lower deduction certificates and section 206AB", 1, 2, Pool.LowerDeduction);
        }

        return ($"bench:tds-note:{n:D6}", title, md.ToString(), false);
    }

    private static (string Key, string Title, string Markdown, bool Global) AuditMemo(Writer w, int n)
    {
        var fy = w.Pick(Vocab.FinancialYears);
        var title = $"Statutory audit memo — {w.Entity} — FY {fy}";
        var md = w.Start(title);
        w.Section(md, "Scope and materiality", 1, 2, Pool.AuditScope);
        w.Section(md, "Observations", 2, 5, Pool.AuditObservations);
        w.Section(md, "CARO 2020 reporting", 1, 3, Pool.Caro);
        if (w.Random.Next(2) == 0)
        {
            w.Section(md, "Tax audit (Form 3CA/3CB and 3CD)", 1, 3, Pool.TaxAudit);
        }

        w.Section(md, "Management response", 1, 2, Pool.ManagementResponse);
        return ($"bench:audit-memo:{n:D6}", title, md.ToString(), false);
    }

    private static (string Key, string Title, string Markdown, bool Global) CircularSummary(Writer w, int n)
    {
        var (issuer, law, pool) = w.Random.Next(4) switch
        {
            0 => ("CBIC", "GST", Pool.GstCircular),
            1 => ("CBDT", "Income-tax", Pool.IncomeTaxCircular),
            2 => ("MCA", "Companies Act", Pool.McaCircular),
            _ => ("EPFO", "EPF and ESI", Pool.LabourCircular),
        };
        var year = w.Random.Next(2019, 2027);
        var number = w.Random.Next(1, 240);
        var title = issuer switch
        {
            "CBIC" => $"CBIC Circular No. {number}/{year}-GST — summary",
            "CBDT" => $"CBDT Circular No. {number % 30 + 1}/{year} — summary",
            "MCA" => $"MCA General Circular No. {number % 20 + 1}/{year} — summary",
            _ => $"EPFO circular {number}/{year} — summary",
        };
        var md = w.Start(title);
        w.Section(md, "Background", 1, 2, pool);
        w.Section(md, "Key clarifications", 2, 4, pool);
        w.Section(md, "Effective date and transition", 1, 2, Pool.Effective);
        w.Section(md, $"Impact on {law} filings", 1, 3, pool);
        w.Section(md, "What taxpayers should do", 1, 2, Pool.Actions);
        return ($"bench:circular:{n:D6}", title, md.ToString(), true);
    }

    private static List<string> EntityNames(Random random, int count)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            names.Add($"{Vocab.NamePrefixes[random.Next(Vocab.NamePrefixes.Length)]} {Vocab.NameTrades[random.Next(Vocab.NameTrades.Length)]} {Vocab.NameForms[random.Next(Vocab.NameForms.Length)]}");
        }

        return [.. names];
    }

    private static string Ordinal(int n) => n + ((n % 100) is >= 11 and <= 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>Fills sentence templates for one document: one entity, and slots drawn from the vocabulary.</summary>
    private sealed partial class Writer(Random random, IReadOnlyList<string> entities)
    {
        public Random Random { get; } = random;

        public string Entity { get; } = entities[random.Next(entities.Count)];

        public string Pick(string[] values) => values[Random.Next(values.Length)];

        public (string Month, int Year) MonthYear() => (Pick(Vocab.Months), Random.Next(2022, 2027));

        public StringBuilder Start(string title) => new StringBuilder().Append("# ").AppendLine(title).AppendLine();

        public void Section(StringBuilder md, string heading, int minParagraphs, int maxParagraphs, string[] pool)
        {
            md.Append("## ").AppendLine(heading).AppendLine();
            var paragraphs = Random.Next(minParagraphs, maxParagraphs + 1);
            for (var p = 0; p < paragraphs; p++)
            {
                var sentences = Random.Next(2, 6);
                for (var s = 0; s < sentences; s++)
                {
                    md.Append(s == 0 ? string.Empty : " ").Append(Fill(Pick(pool)));
                }

                md.AppendLine().AppendLine();
            }
        }

        private string Fill(string template) => Slot().Replace(template, m => m.Groups[1].Value switch
        {
            "entity" => Entity,
            "other" => Pick(Vocab.Vendors),
            "vendor" => Pick(Vocab.Vendors),
            "person" => Pick(Vocab.People),
            "month" => Pick(Vocab.Months),
            "fy" => Pick(Vocab.FinancialYears),
            "amount" => Rupees(Random.Next(5, 9_000) * 100L + Random.Next(0, 100)),
            "big" => Rupees(Random.Next(10, 5_000) * 10_000L),
            "date" => $"{Random.Next(1, 29)} {Pick(Vocab.Months)} {Random.Next(2022, 2027)}",
            "days" => Random.Next(2, 95).ToString(CultureInfo.InvariantCulture),
            "n" => Random.Next(2, 60).ToString(CultureInfo.InvariantCulture),
            "pct" => Pick(Vocab.Rates),
            "gstin" => $"{Pick(Vocab.StateCodes)}AA{(char)('A' + Random.Next(26))}C{(char)('A' + Random.Next(26))}{Random.Next(1000, 9999)}{(char)('A' + Random.Next(26))}1Z{Random.Next(10)}",
            "state" => Pick(Vocab.States),
            "challan" => $"BSR {Random.Next(1_000_000, 9_999_999)}, serial {Random.Next(10_000, 99_999)}",
            "form" => Pick(Vocab.Forms),
            "q" => "Q" + Random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
            "tds" => Pick(Vocab.TdsSections),
            _ => m.Value,
        });

        /// <summary>Indian digit grouping: ₹12,34,567.</summary>
        private static string Rupees(long amount)
        {
            var digits = amount.ToString(CultureInfo.InvariantCulture);
            if (digits.Length <= 3)
            {
                return "₹" + digits;
            }

            var head = digits[..^3];
            var groups = new List<string>();
            while (head.Length > 2)
            {
                groups.Insert(0, head[^2..]);
                head = head[..^2];
            }

            groups.Insert(0, head);
            return "₹" + string.Join(",", groups) + "," + digits[^3..];
        }

        [GeneratedRegex(@"\{([a-z]+)\}")]
        private static partial Regex Slot();
    }

    private static class Vocab
    {
        public static readonly string[] NamePrefixes =
        [
            "Sahyadri", "Narmada", "Kaveri", "Deccan", "Malabar", "Indus", "Ganga", "Aravalli", "Konkan", "Vindhya",
            "Coromandel", "Nilgiri", "Satpura", "Godavari", "Tapti", "Chambal",
        ];

        public static readonly string[] NameTrades =
        [
            "Agro Foods", "Precision Castings", "Infotech", "Textiles", "Logistics", "Pharma", "Renewables", "Retail",
            "Engineering Works", "Healthcare", "Fintech Services", "Packaging", "Steel Traders", "Consultants",
        ];

        public static readonly string[] NameForms = ["Private Limited", "Limited", "LLP"];

        public static readonly string[] Vendors =
        [
            "Shree Balaji Transport", "Om Sai Packaging", "Vardhman Chemicals", "Kalyani Electricals", "Bharat Office Supplies",
            "Apex Security Services", "Sunrise Housekeeping", "Mahalaxmi Steel", "Green Leaf Caterers", "Rathi Cargo Movers",
            "Vishal Hardware", "Patel Brothers", "Jai Hind Printers", "Annapurna Traders", "Srinivasa Software Labs",
            "Deshmukh & Associates", "Kapoor Legal LLP", "Iyer and Rao Chartered Accountants", "Metro Coworking", "Pioneer Staffing",
        ];

        public static readonly string[] People =
        [
            "Ms. Priya Nair", "Mr. Rahul Mehta", "Ms. Anita Deshpande", "Mr. Suresh Iyer", "Mr. Farhan Qureshi", "Ms. Kavita Reddy",
            "Mr. Vikram Sethi", "Ms. Meera Pillai", "Mr. Arjun Banerjee", "Ms. Neha Kulkarni", "Mr. Sanjay Gupta", "Ms. Lakshmi Raman",
            "CA Rohit Agarwal", "CS Pooja Joshi", "Mr. Harpreet Singh", "Ms. Fatima Shaikh",
        ];

        public static readonly string[] Months =
            ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January", "February", "March"];

        public static readonly string[] FinancialYears = ["2022-23", "2023-24", "2024-25", "2025-26"];

        public static readonly string[] Rates = ["1%", "2%", "5%", "10%", "12%", "18%", "28%", "0.1%", "1.5%", "20%"];

        public static readonly string[] StateCodes = ["27", "29", "24", "07", "33", "19", "36", "09", "06", "32"];

        public static readonly string[] States =
            ["Maharashtra", "Karnataka", "Gujarat", "Delhi", "Tamil Nadu", "West Bengal", "Telangana", "Uttar Pradesh", "Haryana", "Kerala"];

        public static readonly string[] Forms =
        [
            "GSTR-1", "GSTR-3B", "GSTR-9", "GSTR-9C", "CMP-08", "ITC-04", "PMT-06", "24Q", "26Q", "27Q", "27EQ", "Form 16",
            "Form 16A", "ITR-6", "ITR-5", "Form 3CD", "Form 3CEB", "MGT-7", "MGT-7A", "AOC-4", "DIR-3 KYC", "DPT-3", "MSME-1",
            "ADT-1", "MGT-14", "LLP Form 8", "LLP Form 11", "Form 15CA", "Form 15CB", "ECR", "BEN-2",
        ];

        public static readonly string[] TdsSections = ["192", "194C", "194J", "194I", "194H", "194Q", "194A", "195", "194R", "194-IA"];
    }

    /// <summary>Sentence templates by topic; {slot} is filled by <see cref="Writer"/>.</summary>
    private static class Pool
    {
        public static readonly string[] Attendance =
        [
            "The meeting of the Board of {entity} was held at the registered office on {date} and commenced at 11:00 a.m.",
            "{person} took the chair and confirmed that the requisite quorum under section 174 of the Companies Act, 2013 was present.",
            "{person} attended through video conferencing and confirmed that the audio and video were clear throughout.",
            "Leave of absence was granted to {person}, who had informed the company secretary in advance.",
            "{person}, the company secretary, recorded that notice of the meeting was given under section 173(3) at least seven days in advance.",
            "The chairman noted that the gap between two board meetings had not exceeded one hundred and twenty days.",
            "The statutory auditors, {vendor}, attended by invitation for the item on financial statements.",
        ];

        public static readonly string[] PreviousMinutes =
        [
            "The minutes of the previous meeting held on {date}, circulated in draft within fifteen days, were confirmed and signed by the chairman.",
            "The Board noted the action taken report on the decisions of the meeting held on {date}.",
            "Comments received from {person} on the draft minutes were incorporated before they were entered in the minutes book.",
        ];

        public static readonly string[] ComplianceStatus =
        [
            "The compliance officer reported that GSTR-1 and GSTR-3B for {month} were filed within the due dates in all {n} registrations.",
            "GSTR-3B for {month} was filed {days} days late in {state}; a late fee of {amount} and interest at 18% under section 50 were paid in cash.",
            "TDS of {amount} deducted in {month} under section {tds} was deposited by the 7th of the following month through challan ITNS 281.",
            "The quarterly return 26Q for {q} was filed and the statement is processed without defaults on TRACES.",
            "Provident fund contributions of {amount} for {month} were remitted through the ECR before the 15th.",
            "ESI contributions for {month} were paid by the 15th; the half-yearly ESI return has been replaced by monthly contributions online.",
            "Professional tax for employees in {state} was deducted and paid; the annual PT return is due on 30 April.",
            "Advance tax of {big} was paid on 15 {month}, being the instalment due under section 211.",
            "The Board was informed that the tax audit report in Form 3CD will be uploaded before 30 September.",
            "A notice under section 143(2) for FY {fy} was received and a response is being prepared by {vendor}.",
            "The MSME-1 return for the half-year ended {month} listed payments outstanding for more than 45 days to {n} micro and small suppliers.",
            "The compliance calendar shows {n} obligations due next month, of which {n} are GST returns and the rest TDS and payroll filings.",
            "{form} for {month} was filed on {date} after the due date, and the late fee of {amount} was approved by the CFO.",
        ];

        public static readonly string[] AnnualFilings =
        [
            "The Board approved the draft annual return in Form MGT-7A, applicable to a small company and one person company, for filing within sixty days of the AGM.",
            "The financial statements for FY {fy} will be filed in AOC-4 within thirty days of the annual general meeting.",
            "The company secretary confirmed that MGT-7 must be certified by a company secretary in practice where turnover exceeds the prescribed limit.",
            "A delay in AOC-4 or MGT-7 attracts an additional fee of ₹100 per day of default, with no upper cap.",
            "The annual general meeting for FY {fy} shall be held on or before 30 September, within six months from the close of the financial year.",
            "The Board's report under section 134, including the annual return's web link, was approved and authorised to be signed by {person}.",
            "The directors noted that {entity} qualifies as a small company, with paid-up capital within ₹4 crore and turnover within ₹40 crore.",
        ];

        public static readonly string[] DirectorKyc =
        [
            "Every director holding a DIN as on 31 March must complete DIR-3 KYC or the web-based KYC by 30 September.",
            "A DIN not updated is deactivated and can be reactivated only on payment of a fee of ₹5,000.",
            "{person} submitted the disclosure of interest in Form MBP-1 and the declaration of non-disqualification in Form DIR-8.",
            "The company secretary will verify the mobile number and email of each director through OTP before the DIR-3 KYC filing.",
        ];

        public static readonly string[] RelatedParty =
        [
            "The Board approved a contract with {vendor}, a related party, at arm's length and in the ordinary course of business under section 188.",
            "{person}, being interested, did not participate in the discussion on the related party transaction of {big}.",
            "The transaction exceeds the threshold in Rule 15 and will be placed before the shareholders for approval by ordinary resolution.",
            "Transactions with related parties during FY {fy} aggregated {big} and will be disclosed in Form AOC-2.",
        ];

        public static readonly string[] Borrowings =
        [
            "The Board approved borrowing of up to {big} from a bank, within the limit under section 180(1)(c) approved by the members.",
            "A loan of {big} to {vendor} under section 186 was approved; the rate of interest is not lower than the yield on government securities.",
            "The charge created in favour of the bank will be registered with the ROC in Form CHG-1 within thirty days.",
            "The return of deposits in Form DPT-3 for the year ended 31 March is due by 30 June and covers outstanding loans not treated as deposits.",
            "A resolution under section 179(3) for borrowing was passed; Form MGT-14 will be filed within thirty days.",
        ];

        public static readonly string[] OtherBusiness =
        [
            "The Board authorised {person} to sign and file {form} and other statutory returns on behalf of {entity}.",
            "The Board noted the change in registered office within the same city; Form INC-22 will be filed within fifteen days.",
            "The next meeting will be held in {month}; there being no other business, the meeting ended with a vote of thanks to the chair.",
            "The Board reviewed the internal financial controls report and the status of open audit points.",
            "The Board took note of the resignation of {person} as an independent director; Form DIR-12 will be filed within thirty days.",
        ];

        public static readonly string[] GstSummary =
        [
            "Input tax credit of {amount} is available as per GSTR-2B for {month}, against {amount} recorded in the purchase register.",
            "The net difference of {amount} is explained by timing differences, invoices of non-filing suppliers and credit notes.",
            "Credit may be claimed only for invoices reflected in GSTR-2B, as required by section 16(2)(aa) and Rule 36(4).",
            "The reconciliation covers {n} suppliers and {n} invoices across the registrations in {state} and {state}.",
            "The cut-off for claiming credit for FY {fy} under section 16(4) is 30 November of the next year or the annual return, whichever is earlier.",
        ];

        public static readonly string[] ItcMismatch =
        [
            "Invoice of {vendor} (GSTIN {gstin}) for {amount} appears in the books but not in GSTR-2B; credit is deferred until the supplier files GSTR-1.",
            "Invoice of {vendor} for {amount} appears in GSTR-2B under a different GSTIN, {gstin}; the vendor has been asked to amend it.",
            "A credit note of {amount} from {vendor} is missing from the books; the credit must be reduced in GSTR-3B for {month}.",
            "Credit of {amount} on a motor vehicle is blocked under section 17(5) and has not been claimed.",
            "IGST of {amount} on imports is taken from ICEGATE and matches the bill of entry.",
            "Credit of {amount} on canteen and catering services is blocked under section 17(5)(b) unless it is obligatory under a law.",
            "Duplicate entry of invoice {n}/{fy} from {vendor} inflated credit by {amount} in the register; it has been reversed.",
            "Reverse charge liability of {amount} on legal services from {vendor} was paid in cash and the credit taken in the same month.",
        ];

        public static readonly string[] NonFilers =
        [
            "{vendor} has not filed GSTR-1 for {month}; {amount} of credit is on hold and the payment is withheld until it files.",
            "Suppliers whose registration was cancelled after the invoice date were identified; their credit of {amount} is not eligible.",
            "A reminder was sent to {vendor} to file GSTR-1 or IFF for {month} before the 13th of the next month.",
            "Credit of {amount} taken earlier for {vendor} is to be reversed with interest under section 50(3) if it is not paid within 180 days.",
        ];

        public static readonly string[] Reversal =
        [
            "Common credit of {amount} is apportioned under Rule 42 between taxable and exempt supplies; {amount} is reversed.",
            "Credit on capital goods used for exempt supplies is reversed under Rule 43 over sixty months.",
            "Payment to {vendor} outstanding beyond 180 days requires reversal of {amount} under Rule 37 with interest.",
            "The final reversal under Rule 42 for FY {fy} will be computed by September and reported in GSTR-3B.",
        ];

        public static readonly string[] Gstr3b =
        [
            "GSTR-3B for {month} is due on the 20th of the next month for monthly filers; QRMP filers file by the 22nd or 24th after the quarter.",
            "The late fee for GSTR-3B is ₹50 per day (₹25 CGST and ₹25 SGST), or ₹20 per day for a nil return, subject to the caps notified by turnover.",
            "Interest at 18% per annum under section 50(1) applies on tax paid late in cash, from the day after the due date.",
            "Tax of {amount} was paid through the electronic cash ledger and {amount} through credit; Rule 86B did not apply.",
            "GSTR-3B for {month} was filed on {date}, {days} days after the due date; late fee of {amount} was paid.",
            "Under QRMP, tax for the first two months of the quarter is paid by the 25th through PMT-06.",
            "GSTR-3B cannot be filed until the late fee and interest of the earlier periods are paid.",
        ];

        public static readonly string[] EInvoice =
        [
            "E-invoicing applies as aggregate turnover exceeds ₹5 crore; each B2B invoice must be reported on the IRP and carry an IRN and QR code.",
            "Invoices must be reported on the IRP within 30 days of the invoice date once turnover exceeds ₹10 crore.",
            "E-way bills were generated for {n} consignments above ₹50,000; {n} were extended for delays in transit.",
        ];

        public static readonly string[] Actions =
        [
            "Follow up with {vendor} for the missing invoices before the GSTR-3B for {month} is filed.",
            "Update the compliance calendar with the revised due date for {form} and inform {person}.",
            "File {form} by {date} and keep the acknowledgement in the evidence folder.",
            "Obtain the signed certificate from {vendor} and attach it to the return.",
            "{person} will review the working and approve the payment of {amount} before the due date.",
            "Raise a ticket with the GST helpdesk if the portal error persists.",
        ];

        public static readonly string[] TdsDeductions =
        [
            "Salary TDS under section 192 of {amount} was deducted from {n} employees on the basis of their declarations under the new regime.",
            "Payments to contractors of {amount} attracted TDS under section 194C at 1% for individuals and 2% for others.",
            "Professional fees of {amount} paid to {vendor} attracted TDS under section 194J at 10%; technical services at 2%.",
            "Rent of {amount} for the office premises attracted TDS under section 194I at 10% on land and building.",
            "Purchase of goods from {vendor} exceeding ₹50 lakh in the year attracted TDS under section 194Q at 0.1% of the excess.",
            "Commission to agents of {amount} attracted TDS under section 194H at 2%.",
            "Payment of {amount} to a non-resident under section 195 required Form 15CA and, where applicable, a 15CB from a chartered accountant.",
            "Interest on the inter-corporate deposit of {amount} attracted TDS under section 194A at 10%.",
            "No TDS was deducted on {amount} paid to {vendor} as the payment was below the threshold under section {tds}.",
        ];

        public static readonly string[] TdsDeposit =
        [
            "TDS for {month} of {amount} was deposited on {date} through challan ITNS 281 ({challan}).",
            "TDS is due on the 7th of the following month, except that tax deducted in March may be deposited by 30 April.",
            "Deposit for {month} was made {days} days late; interest under section 201(1A) at 1.5% per month or part of a month is payable.",
            "The challan for section {tds} was paid under the wrong minor head and a correction has been requested from the assessing officer.",
            "Challan details were matched with the OLTAS status before the return was prepared.",
        ];

        public static readonly string[] TdsInterest =
        [
            "Interest under section 201(1A) is 1% per month from the date deductible to the date deducted, and 1.5% per month from deduction to deposit.",
            "Interest of {amount} for the delay in {month} was computed and paid with the next challan.",
            "A fee under section 234E of ₹200 per day applies for a late TDS return, not exceeding the TDS amount.",
            "Penalty under section 271H of ₹10,000 to ₹1,00,000 may apply if the return is not filed within one year of the due date.",
            "Expense of {amount} would be disallowed at 30% under section 40(a)(ia) if TDS is not deducted or deposited by the return due date.",
        ];

        public static readonly string[] TdsReturns =
        [
            "The 24Q for salaries and 26Q for other payments for {q} are due by 31 July, 31 October, 31 January and 31 May.",
            "The 26Q for {q} was filed on {date}; the TRACES justification report shows a short deduction of {amount} for a PAN mismatch.",
            "Form 16 for salaried employees is issued by 15 June, signed by the person responsible for deduction, usually the CFO or a director.",
            "Form 16A for non-salary deductions is issued within fifteen days of the due date of the quarterly return.",
            "A correction statement was filed for {q} to fix the PAN of {vendor}.",
            "The 27Q for payments to non-residents was filed for {q} with the rates of the tax treaty applied.",
            "The 27EQ for tax collected at source under section 206C is due on the 15th of the month after the quarter.",
        ];

        public static readonly string[] LowerDeduction =
        [
            "{vendor} furnished a certificate under section 197 for deduction at {pct}, valid until 31 March.",
            "Section 206AB no longer applies; a higher rate under section 206AA applies where the payee has no valid PAN.",
            "The PAN of {vendor} is inoperative as it is not linked with Aadhaar; TDS was deducted at 20%.",
        ];

        public static readonly string[] AuditScope =
        [
            "The audit of {entity} for FY {fy} was carried out under section 143 of the Companies Act, 2013 and the Standards on Auditing.",
            "Overall materiality was set at {big}, being 1% of revenue; performance materiality at 75% of that.",
            "The audit was conducted by {vendor} between {date} and {date}, including a visit to the plant in {state}.",
        ];

        public static readonly string[] AuditObservations =
        [
            "Statutory dues of {amount} for provident fund were deposited with delays of up to {days} days.",
            "GST input credit of {amount} was claimed on invoices not reflected in GSTR-2B; the company has since reversed it.",
            "Fixed asset register was not updated for additions of {big}; physical verification is due this year.",
            "Provision for gratuity was based on an actuarial valuation by {vendor}.",
            "Trade receivables of {big} older than three years have not been provided for.",
            "The company has not filed MSME-1 for the half-year ended {month}; interest under section 16 of the MSMED Act on delayed payments is not provided.",
            "Revenue cut-off testing found {n} invoices of {amount} recorded in the wrong period.",
            "TDS of {amount} on year-end provisions was not deducted; the expense is disallowable under section 40(a)(ia).",
            "Related party transactions of {big} with {vendor} were approved by the Board but not by the audit committee.",
        ];

        public static readonly string[] Caro =
        [
            "Under paragraph 3(vii)(a) of CARO 2020, undisputed statutory dues outstanding for more than six months at year-end are reported: {amount}.",
            "Disputed income tax of {big} is pending before CIT(A) and is reported under paragraph 3(vii)(b).",
            "The company has not defaulted in repaying loans to banks; paragraph 3(ix) is reported as not applicable.",
            "CARO 2020 does not apply to a one person company or a small company; {entity} is not a small company.",
            "Quarterly returns filed with the bank for working capital were in agreement with the books, except for differences of {amount}.",
        ];

        public static readonly string[] TaxAudit =
        [
            "Tax audit under section 44AB applies as turnover exceeds ₹1 crore (₹10 crore where cash transactions are within 5%).",
            "The tax audit report in Form 3CA and Form 3CD is due by 30 September, one month before the return due date of 31 October.",
            "Clause 34 of Form 3CD reports TDS compliance; delays in deposit of {amount} under section {tds} were reported.",
            "Clause 22 reports interest of {amount} payable to micro and small enterprises under the MSMED Act, not deductible.",
            "Penalty under section 271B for not getting accounts audited is 0.5% of turnover, up to ₹1,50,000.",
            "Clause 44 requires the break-up of expenditure between GST-registered and unregistered suppliers.",
        ];

        public static readonly string[] ManagementResponse =
        [
            "Management has accepted the observation and will pay the dues with interest by {date}.",
            "{person} stated that the reconciliation process will be automated from the next quarter.",
            "The delay was caused by a portal outage; management has set up reminders seven days before each due date.",
            "Management disagrees with the observation and has obtained an opinion from {vendor}.",
        ];

        public static readonly string[] GstCircular =
        [
            "The circular clarifies the time limit under section 16(4) for availing input tax credit on invoices of FY {fy}.",
            "Late fee for GSTR-3B is capped at ₹2,000 for taxpayers with aggregate turnover up to ₹1.5 crore and at ₹5,000 up to ₹5 crore.",
            "Interest under section 50 is payable only on the net cash liability, that is the tax paid through the electronic cash ledger.",
            "Late fee for GSTR-9 is ₹200 per day subject to 0.5% of turnover in the state; filing is optional up to ₹2 crore.",
            "GSTR-9C is self-certified; the annual return must be filed by 31 December following the financial year.",
            "Supply of services by a director to the company is taxable under reverse charge; salary paid as an employee is not a supply.",
            "The circular clarifies the place of supply for services of transportation of goods and advertising.",
            "Composition taxpayers pay tax quarterly through CMP-08 by the 18th and file GSTR-4 annually by 30 April.",
            "The QRMP scheme lets taxpayers with turnover up to ₹5 crore file GSTR-1 and GSTR-3B quarterly and pay monthly through PMT-06.",
            "Job work goods sent and received are reported in ITC-04, half-yearly or annually depending on turnover.",
            "Refund of accumulated credit on exports is filed in RFD-01 within two years of the relevant date.",
            "Tax officers shall not insist on payment during an audit or inspection; any payment is voluntary through DRC-03.",
            "A mismatch between GSTR-1 and GSTR-3B beyond the notified limit blocks GSTR-1 for the next period under Rule 59(6).",
        ];

        public static readonly string[] IncomeTaxCircular =
        [
            "TDS under section 194R applies to benefits or perquisites of a business exceeding ₹20,000 in a year.",
            "The circular extends the due date for the return in Form ITR-6 for companies requiring a transfer pricing report to 30 November.",
            "TDS under section 194Q on purchase of goods is 0.1% above ₹50 lakh; it does not apply where TCS under section 206C(1H) is collected.",
            "Interest under section 234A, 234B and 234C applies to late returns, shortfall in advance tax and deferment of instalments.",
            "The report in Form 3CEB for international transactions is due by 31 October.",
            "Standard deduction of ₹75,000 applies to salaried employees under the new regime for FY {fy}.",
            "Payers must check PAN-Aadhaar linking; deduction is at 20% under section 206AA where the PAN is inoperative.",
            "A condonation of delay in filing Form 10-IC or Form 10-IE may be sought under section 119(2)(b).",
            "Form 26AS and the Annual Information Statement (AIS) must be reconciled with the books before filing the return.",
            "The due date for Form 16 is 15 June; late issue attracts a penalty of ₹100 per day under section 272A(2)(g).",
        ];

        public static readonly string[] McaCircular =
        [
            "Companies may hold the AGM through video conferencing or other audio-visual means until the date notified.",
            "The additional fee for late filing of MGT-7, MGT-7A and AOC-4 is waived for filings made within the scheme's window.",
            "The web-based DIR-3 KYC applies where a director has filed the e-form KYC earlier and has no change in details.",
            "Small companies file the abridged annual return in MGT-7A; the threshold is paid-up capital up to ₹4 crore and turnover up to ₹40 crore.",
            "Form ADT-1 is filed within fifteen days of the AGM at which the auditor is appointed for five years.",
            "Significant beneficial owners are declared in BEN-1 and the company files BEN-2 within thirty days.",
            "Form MSME-1 is filed half-yearly by 30 April and 31 October for dues to micro and small enterprises outstanding beyond 45 days.",
            "Form DPT-3 for outstanding receipts of money is due by 30 June every year.",
            "LLPs file the statement of account in LLP Form 8 by 30 October and the annual return in LLP Form 11 by 30 May.",
            "Companies must file INC-20A before commencing business, within 180 days of incorporation.",
        ];

        public static readonly string[] LabourCircular =
        [
            "Provident fund and pension contributions must be remitted through the ECR by the 15th of the following month.",
            "Damages under section 14B of the EPF Act range from 5% to 25% per annum depending on the period of delay.",
            "Interest under section 7Q of the EPF Act at 12% per annum applies to delayed contributions.",
            "ESI contributions are due by the 15th of the following month; employers contribute 3.25% and employees 0.75%.",
            "The UAN of every employee must be seeded with Aadhaar before the ECR is filed.",
            "Higher pension applications were to be validated by employers within the extended window.",
            "Professional tax in {state} is deducted monthly and the employer's return is filed as the state notifies.",
            "International workers are covered by the EPF scheme unless the country has a social security agreement with India.",
        ];

        public static readonly string[] Effective =
        [
            "The circular applies from {date} and to proceedings pending on that date.",
            "It applies to returns for tax periods from {month} {fy} onwards.",
            "Field formations are to dispose of pending cases in line with the clarification.",
            "Earlier circulars on the subject stand modified to this extent.",
        ];
    }
}
