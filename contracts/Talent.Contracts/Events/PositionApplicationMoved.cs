namespace Longgang.Talent.Contracts.Events.V1;

/// <summary>
/// A candidate's position application moved to Status (the proto enum's name without prefix: SCREENING, INTERVIEW,
/// OFFER, HIRED, DECLINED, ...). HIRED is a hire for the dashboards; every move is a notification to the candidate.
/// </summary>
public sealed record PositionApplicationMoved(
    Guid PositionApplicationId,
    Guid PositionId,
    string ApplicantId,
    string Employer,
    string Status,
    string? DistrictCode,
    string? Channel,
    DateTimeOffset MovedAt)
{
    public const string Hired = "HIRED";
}
