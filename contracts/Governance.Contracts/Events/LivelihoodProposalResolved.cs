namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// A deliberation meeting adopted a resolution marked as a people's-livelihood proposal. The livelihood service turns
/// it into a proposal of <see cref="Year"/>'s cycle (once per <see cref="ResolutionId"/>). Category is the livelihood
/// category's name without its prefix (TRANSPORT, EDUCATION, ...); the cost may be unknown at the meeting.
/// </summary>
public sealed record LivelihoodProposalResolved(
    Guid ResolutionId,
    Guid MeetingId,
    string DistrictCode,
    int Year,
    string Title,
    string Category,
    string Rationale,
    long? EstimatedCostYuan,
    DateTimeOffset ResolvedAt);
