namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// The module or department a case was dispatched to says it has dealt with it (Note: what was done); the grid team
/// verifies the work on site next. A failed verification sends the case back, so a case may be handled more than once.
/// </summary>
public sealed record CaseHandled(
    Guid CaseId,
    string DistrictCode,
    string AssigneeKind,
    string AssigneeCode,
    string Note,
    DateTimeOffset HandledAt);
