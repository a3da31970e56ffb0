namespace Longgang.Governance.Contracts.Events.V1;

/// <summary>
/// A filed case was sent to a district work module (AssigneeKind MODULE, AssigneeCode e.g. market-supervision) or a
/// department (DEPARTMENT, e.g. dept-market-supervision). DueOn is the last working day of its time limit.
/// </summary>
public sealed record CaseDispatched(
    Guid CaseId,
    string DistrictCode,
    string AssigneeKind,
    string AssigneeCode,
    DateOnly DueOn,
    DateTimeOffset DispatchedAt);

/// <summary>The module or department a case was dispatched to handed it back, giving a reason.</summary>
public sealed record CaseReturned(
    Guid CaseId,
    string DistrictCode,
    string AssigneeKind,
    string AssigneeCode,
    string Reason,
    DateTimeOffset ReturnedAt);

/// <summary>
/// An overdue case moved up one level (COMMUNITY, DISTRICT or CITY); the level has until DueOn (a working day) to
/// see it handled before it moves up again. OwnerId is the person at the new level it landed on (the token subject
/// of a community-post or district-office holder, or the configured city owner); null when the level had nobody.
/// </summary>
public sealed record CaseEscalated(
    Guid CaseId,
    string DistrictCode,
    string CommunityCode,
    string GridCode,
    string Level,
    DateOnly DueOn,
    DateTimeOffset EscalatedAt,
    string? OwnerId = null);

/// <summary>
/// A case was closed after verification, or resolved on the spot by the grid (SelfResolved, Reason FIXED, never dispatched
/// so no assignee); Reason is FIXED, UNABLE, NOT_RESPONSIBLE or DUPLICATE. GridCode (null for a follow-up of a licence)
/// and Category are the case's; AssigneeKind/AssigneeCode its last dispatch (null if never dispatched);
/// WorkingDaysToClose the working days from the report to the close on the shared calendar. All are null/false in
/// older messages.
/// </summary>
public sealed record CaseClosed(
    Guid CaseId,
    string DistrictCode,
    string Reason,
    bool Overdue,
    DateTimeOffset ClosedAt,
    string? GridCode = null,
    string? Category = null,
    string? AssigneeKind = null,
    string? AssigneeCode = null,
    bool SelfResolved = false,
    int? WorkingDaysToClose = null);

/// <summary>
/// The district admin or a city admin handed a case to another named holder of its level's post (Level GRID,
/// COMMUNITY, DISTRICT or CITY); PreviousOwnerId is null when nobody had it.
/// </summary>
public sealed record CaseReassigned(
    Guid CaseId,
    string DistrictCode,
    string Level,
    string OwnerId,
    string? PreviousOwnerId,
    DateTimeOffset ReassignedAt);
