namespace Longgang.Approvals.Domain;

/// <summary>The written notices and documents a service hall hands the applicant (Administrative Licensing Law arts. 32, 37-39).</summary>
public enum DocumentKind
{
    AcceptanceNotice = 1,      // 受理通知书
    CorrectionNotice = 2,      // 一次性告知书
    NotAcceptedDecision = 3,   // 不予受理决定书
    Decision = 4,              // 准予 / 不予行政许可决定书
    Certificate = 5,           // the licence or certificate
}

/// <summary>
/// Which documents an application has. A document is issued by one transition, so it is identified by that transition's
/// ledger line: its date is the line's, and a later line of the same kind (a second correction notice) supersedes it.
/// </summary>
public static class ApplicationDocuments
{
    /// <summary>The ledger line that issued the current <paramref name="kind"/> document; null while there is none.</summary>
    public static LedgerEntry? IssuedBy(Application application, DocumentKind kind)
    {
        LedgerAction[] actions = kind switch
        {
            DocumentKind.AcceptanceNotice => [LedgerAction.Accepted, LedgerAction.DeemedAccepted],
            DocumentKind.CorrectionNotice => [LedgerAction.CorrectionRequested],
            DocumentKind.NotAcceptedDecision => [LedgerAction.NotAccepted],
            DocumentKind.Decision => [LedgerAction.Decided],
            DocumentKind.Certificate => [LedgerAction.Issued],
            _ => [],
        };
        return application.Ledger.Where(l => actions.Contains(l.Action)).MaxBy(l => l.Sequence);
    }
}
