namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// Someone lodged an objection to a certification during its public notice; the talent office rules on it before the
/// certification can go on. The objector is not named: the applicant is told that there is an objection, not by whom.
/// </summary>
public sealed record CertificationObjected(
    Guid CertificationId,
    string ApplicantId,
    Guid ObjectionId,
    DateOnly NoticeEndsOn,
    DateTimeOffset LodgedAt);
