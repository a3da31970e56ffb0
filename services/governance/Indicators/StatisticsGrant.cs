using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Indicators;

/// <summary>
/// The statistics role: a city admin lets a person (their token subject) enter the city indicators. Token roles are
/// fixed, so the role is this record in governance, live until revoked; a revoked grant stays as the record of who
/// could enter figures when.
/// </summary>
public sealed class StatisticsGrant
{
    public const int MaxSubjectLength = 64;

    public Guid Id { get; private set; }
    public string Subject { get; private set; } = "";
    public string GrantedBy { get; private set; } = "";
    public DateTimeOffset GrantedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    private StatisticsGrant() { }

    public bool IsLive => RevokedAt is null;

    /// <param name="alreadyLive">Whether the subject holds a live grant already (409: one is enough).</param>
    public static StatisticsGrant Grant(string? subject, bool alreadyLive, Caller caller, DateTimeOffset now)
    {
        StatisticsAccess.EnsureCityAdmin(caller);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(subject), "subject", "is required")
            .Require(subject is null || subject.Trim().Length <= MaxSubjectLength, "subject", "must be at most {0} characters", MaxSubjectLength)
            .ThrowIfInvalid();
        if (alreadyLive) throw new ConflictException("{0} already holds a live statistics grant.", subject!.Trim());
        return new StatisticsGrant { Id = Guid.CreateVersion7(now), Subject = subject!.Trim(), GrantedBy = caller.Subject, GrantedAt = now };
    }

    public void Revoke(Caller caller, DateTimeOffset now)
    {
        StatisticsAccess.EnsureCityAdmin(caller);
        if (!IsLive) throw new ConflictException("The statistics grant {0} is already revoked.", Id);
        RevokedBy = caller.Subject;
        RevokedAt = now;
    }
}
