namespace Longgang.Approvals.Documents;

/// <summary>
/// What one printed document says, already in Chinese, laid out top to bottom: a title, the addressee, the body, the
/// labelled fields (number, dates, deadlines), a numbered list (the materials of a correction notice), the issuing
/// department and day, and the verification code.
/// </summary>
public sealed record PrintedDocument(
    string Title,
    string Addressee,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Items,
    IReadOnlyList<(string Label, string Value)> Fields,
    IReadOnlyList<string> Closing,
    string Issuer,
    string IssuedOn,
    string VerificationCode);
