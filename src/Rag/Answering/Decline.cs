namespace ComplianceOs.Rag.Answering;

/// <summary>Why the assistant does not answer a question.</summary>
public enum DeclineReason
{
    /// <summary>Another country's taxes or laws.</summary>
    OtherCountry,

    /// <summary>Where to put money.</summary>
    Investment,

    /// <summary>What a government or market will do.</summary>
    Prediction,

    /// <summary>A request to act on a government portal or pay on someone's behalf.</summary>
    PortalAction,

    /// <summary>Not about statutory compliance at all.</summary>
    OutsideCompliance,

    /// <summary>About compliance, but nothing in the knowledge base supports an answer.</summary>
    NoSupport,
}

/// <summary>A plain refusal and who can help instead.</summary>
public sealed record Decline(DeclineReason Reason, string Message)
{
    public static Decline For(DeclineReason reason) => new(reason, reason switch
    {
        DeclineReason.OtherCountry =>
            "I only cover Indian statutory compliance (GST, TDS/TCS, income tax, EPF/ESI, professional tax, ROC/MCA and LLP filings). For another country's taxes, please ask a tax adviser qualified there.",
        DeclineReason.Investment =>
            "I can't give investment advice. A SEBI-registered investment adviser or your finance head can help with that; I can tell you what is due and when.",
        DeclineReason.Prediction =>
            "I don't predict what the government or the markets will do. When an extension or a change is notified (CBIC, CBDT, MCA, EPFO), your admin records it and I show it beside the statutory date.",
        DeclineReason.PortalAction =>
            "I can't log in, file or pay on a government portal for you: that is done by your authorised signatory on the portal. Once it is filed or paid, tell me the ARN or challan number and I'll record it on the obligation.",
        DeclineReason.OutsideCompliance =>
            "That is outside what I know: I answer questions about Indian statutory compliance (GST, TDS/TCS, income tax, EPF/ESI, professional tax, ROC/MCA and LLP filings) and about your team's obligations.",
        _ =>
            "I could not find anything in the knowledge base that answers that, so I won't guess. Your tax adviser or company secretary can help; an admin can also add your own reference documents for me to search.",
    });
}
