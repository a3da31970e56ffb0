namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// Final review approved a certification: its public notice runs from NoticeStartsOn to NoticeEndsOn (China dates,
/// working days on the shared calendar), during which anyone may object.
/// </summary>
public sealed record CertificationNoticeStarted(
    Guid CertificationId,
    string ApplicantId,
    string TierCode,
    DateOnly NoticeStartsOn,
    DateOnly NoticeEndsOn,
    DateTimeOffset StartedAt);
