namespace Longgang.Talent.Domain;

/// <summary>
/// A record talent asked the approvals service to decide (an entitlement claim, a certification at a tier certified
/// through approvals), matched by the application id it chose. Approvals' decision events move it once: each method
/// returns false and changes nothing when the record is already past that point, so a redelivered event takes effect once.
/// </summary>
public interface IDecidedByApprovals
{
    bool Approve(DateTimeOffset decidedAt);
    bool Reject(string reason);
}
