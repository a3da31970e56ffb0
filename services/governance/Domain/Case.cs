using Longgang.Governance.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>Where a case came from (the proto's numbers).</summary>
public enum CaseSource
{
    GridPatrol = 1,
    Citizen = 2,
    Hotline = 3,
    Referral = 4, // handed over by another department or level
}

/// <summary>The workflow of DOMAIN.md §2 (the proto's numbers).</summary>
public enum CaseStatus
{
    Reported = 1,
    Verifying = 2,
    Voided = 3,
    SelfResolved = 4,
    Filed = 5,
    Dispatched = 6,
    Acknowledged = 7,
    Returned = 8,
    InProgress = 9,
    Handled = 10,
    Verified = 11,
    Closed = 12,
    Evaluated = 13,
    /// <summary>Flow 1: a grid worker applied at the hall for the citizen; the clock is paused until the decision.</summary>
    WaitingForApproval = 14,
}

/// <summary>Who a case is dispatched to: one of the district's work modules, or a city department.</summary>
public enum AssigneeKind
{
    Module = 1,
    Department = 2,
}

public enum ClosureReason
{
    Fixed = 1,
    Unable = 2,
    NotResponsible = 3,
    Duplicate = 4,
}

/// <summary>Who answers for an overdue case: it starts with the grid and moves up one level each time it is overdue.</summary>
public enum EscalationLevel
{
    Grid = 1,
    Community = 2,
    District = 3,
    City = 4,
}

/// <summary>What a caller hands in to report a case (already parsed, not yet validated).</summary>
public sealed record CaseDraft(
    string? GridCode,
    CaseSource? Source,
    string? Category,
    string? Description,
    IReadOnlyList<string> PhotoRefs);

/// <summary>An event seen in a grid (a blocked drain, an unlicensed stall, a dispute) that someone reported.</summary>
public sealed class Case : Aggregate
{
    public const int MaxCategoryLength = 64;
    public const int MaxDescriptionLength = 2000;
    public const int MaxPhotoRefs = 10;
    public const int MaxPhotoRefLength = 300;
    public const int MaxReasonLength = 500;

    /// <summary>The reporter of follow-up cases opened from approvals' decisions: no person, the approvals service.</summary>
    public const string ApprovalsReporter = "approvals";
    /// <summary>The actor of the history line an escalation writes.</summary>
    public const string EscalationActor = "escalation";
    /// <summary>The actor of the history line a re-projection writes: no person, the working-day calendar.</summary>
    public const string CalendarActor = "calendar";

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    /// <summary>Empty for a case that did not come from a grid (a follow-up of an approvals decision).</summary>
    public string CommunityCode { get; private set; } = "";
    /// <summary>Empty for a case that did not come from a grid (a follow-up of an approvals decision).</summary>
    public string GridCode { get; private set; } = "";
    public CaseSource Source { get; private set; }
    public string Category { get; private set; } = "";
    public string Description { get; private set; } = "";
    private List<string> _photoRefs = [];
    public IReadOnlyList<string> PhotoRefs => _photoRefs;
    public CaseStatus Status { get; private set; }
    public string ReporterId { get; private set; } = "";
    public DateTimeOffset ReportedAt { get; private set; }

    /// <summary>Why the case was voided, how it was resolved on the spot, or why verification failed: the last such note.</summary>
    public string? StatusNote { get; private set; }
    /// <summary>The grid-team member who began verifying the case: they hold it for the grid until it is settled.</summary>
    public string? VerifierId { get; private set; }
    public AssigneeKind? AssigneeKind { get; private set; }
    public string? AssigneeCode { get; private set; }
    /// <summary>The first dispatch: the time limit runs from here, and a return does not restart it.</summary>
    public DateTimeOffset? DispatchedAt { get; private set; }
    public int? LimitWorkingDays { get; private set; }
    /// <summary>The last working day the current level has; null until dispatch.</summary>
    public DateOnly? DueOn { get; private set; }
    /// <summary>
    /// The China date <see cref="DueOn"/> was counted from: the first dispatch, then each escalation. Kept so a newly
    /// published calendar year can recount the deadline; null on rows written before it was kept (see <see cref="DueStart"/>).
    /// </summary>
    public DateOnly? DueCountedFrom { get; private set; }
    public EscalationLevel EscalationLevel { get; private set; } = EscalationLevel.Grid;
    /// <summary>The person at the current escalation level who answers for the case; null until escalated or reassigned, or when nobody held the post.</summary>
    public string? OwnerId { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? HandlerId { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? VerifiedBy { get; private set; }
    public ClosureReason? ClosureReason { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>Whether the case was closed after its time limit; kept so reports need not recompute it.</summary>
    public bool ClosedOverdue { get; private set; }
    public int? EvaluationScore { get; private set; }
    public string? EvaluationComment { get; private set; }
    /// <summary>Set on a follow-up case: the approvals application whose licence it supervises (unique).</summary>
    public Guid? FollowUpOfApplicationId { get; private set; }
    /// <summary>Flow 1, while <see cref="CaseStatus.WaitingForApproval"/>: the approvals application the case waits for.</summary>
    public Guid? WaitingForApplicationId { get; private set; }
    /// <summary>When the wait began (the submission); the working days from here to the decision are added to the deadline.</summary>
    public DateTimeOffset? WaitingSince { get; private set; }
    /// <summary>The status the case resumes with when the application is decided.</summary>
    public CaseStatus? StatusBeforeWaiting { get; private set; }
    /// <summary>The application waited for needs corrections, which the grid worker who submitted it has to bring.</summary>
    public bool AwaitingCorrection { get; private set; }
    private readonly List<CaseHistoryEntry> _history = [];
    public IReadOnlyList<CaseHistoryEntry> History => _history;

    /// <summary>Bumped by every transition; the store uses it to refuse a concurrent change.</summary>
    public int Revision { get; private set; }

    private Case() { }

    /// <summary>
    /// Checks that the caller may report (with this source, in the grid's district), then validates the draft (all bad
    /// fields at once). <paramref name="grid"/> is the grid the draft names, or null when there is none.
    /// </summary>
    public static Case Report(Grid? grid, CaseDraft draft, Caller caller, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayReport(caller, grid?.DistrictCode, draft.Source);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.GridCode), "gridCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.GridCode) || grid is not null, "gridCode", "no grid '{0}'", draft.GridCode)
            .Require(draft.Source is not null, "source", "is required (one of {0})", string.Join(", ", Enum.GetValues<CaseSource>().Select(v => EnumNames.Wire(v))))
            .RequireText(draft.Category, "category", MaxCategoryLength)
            .RequireText(draft.Description, "description", MaxDescriptionLength)
            .Require(draft.PhotoRefs.Count <= MaxPhotoRefs, "photoRefs", "at most {0} photos", MaxPhotoRefs)
            .Require(draft.PhotoRefs.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= MaxPhotoRefLength), "photoRefs",
                "each photo reference must be non-empty and at most {0} characters", MaxPhotoRefLength)
            .ThrowIfInvalid();

        var source = draft.Source!.Value;
        var reported = new Case
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = grid!.DistrictCode,
            CommunityCode = grid.CommunityCode,
            GridCode = grid.Code,
            Source = source,
            Category = TextRules.Normalize(draft.Category!).Trim(),
            Description = TextRules.Normalize(draft.Description!).Trim(),
            _photoRefs = draft.PhotoRefs.Select(p => p.Trim()).ToList(),
            Status = CaseStatus.Reported,
            ReporterId = caller.Subject,
            ReportedAt = now,
        };
        reported.WriteHistory(caller.Subject, now, CaseStatus.Reported, null);
        reported.Record(reported.ReportedEvent());
        return reported;
    }

    /// <summary>
    /// The follow-up a licence granted for a matter under supervision needs: filed and dispatched at once to the
    /// market-supervision module of the applicant's district, its clock starting at the decision.
    /// </summary>
    public static Case OpenFollowUp(Guid applicationId, string matterCode, string applicantId, string districtCode,
        DateTimeOffset decidedAt, WorkingDayCalendar calendar)
    {
        var followUp = new Case
        {
            Id = Guid.CreateVersion7(decidedAt),
            DistrictCode = districtCode,
            Source = CaseSource.Referral,
            Category = CaseCategories.LicenceFollowUp,
            Description = $"Check on site that the holder of the {matterCode} licence granted to applicant {applicantId} " +
                $"(application {applicationId}) works as licensed.",
            Status = CaseStatus.Filed,
            ReporterId = ApprovalsReporter,
            ReportedAt = decidedAt,
            FollowUpOfApplicationId = applicationId,
        };
        followUp.WriteHistory(ApprovalsReporter, decidedAt, CaseStatus.Filed, null);
        followUp.DispatchTo(Domain.AssigneeKind.Module, "market-supervision", ApprovalsReporter, decidedAt, calendar);
        return followUp;
    }

    // ---- triage: the grid team checks what was reported ---------------------------------------------

    public void BeginVerification(CaseActor actor, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayTriage(actor, this);
        EnsureStatus("begin verifying", CaseStatus.Reported);
        VerifierId = actor.Caller.Subject;
        MoveTo(CaseStatus.Verifying, actor, now, null);
    }

    public void Void(CaseActor actor, string? reason, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayTriage(actor, this);
        RequireReason(reason);
        EnsureStatus("void", CaseStatus.Verifying);
        StatusNote = reason!.Trim();
        MoveTo(CaseStatus.Voided, actor, now, StatusNote);
    }

    /// <summary>The grid worker fixed it on the spot (a moved bin, a word with a neighbour): nothing to dispatch.</summary>
    /// <remarks>Announced as a <see cref="CaseClosed"/> (FIXED, SelfResolved), so the dashboards count it among the closed cases.</remarks>
    public void SelfResolve(CaseActor actor, string? note, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        GovernanceAccess.EnsureMayTriage(actor, this);
        RequireReason(note, "note");
        EnsureStatus("resolve on the spot", CaseStatus.Verifying);
        StatusNote = note!.Trim();
        MoveTo(CaseStatus.SelfResolved, actor, now, StatusNote);
        Record(ClosedEvent(calendar)!);
    }

    public void File(CaseActor actor, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayTriage(actor, this);
        EnsureStatus("file", CaseStatus.Verifying);
        MoveTo(CaseStatus.Filed, actor, now, null);
    }

    // ---- dispatch and handling -----------------------------------------------------------------------

    /// <summary>
    /// Sends a filed or returned case to a work module of its district or to a department. The first dispatch starts
    /// the clock from the category's limit; a re-dispatch after a return keeps it, so passing a case on buys no time.
    /// </summary>
    public void Dispatch(CaseActor actor, AssigneeKind? kind, string? code, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        GovernanceAccess.EnsureMayDispatch(actor, this);
        var trimmed = code?.Trim();
        var field = kind == Domain.AssigneeKind.Department ? "departmentCode" : "moduleCode";
        new Validator()
            .Require(kind is not null, "moduleCode", "give exactly one of moduleCode and departmentCode")
            .Require(kind is null || !string.IsNullOrEmpty(trimmed), field, "is required")
            .Require(kind != Domain.AssigneeKind.Module || string.IsNullOrEmpty(trimmed) || WorkModule.All.Any(m => m.Code == trimmed),
                "moduleCode", "no work module '{0}'", trimmed)
            .Require(kind != Domain.AssigneeKind.Department || string.IsNullOrEmpty(trimmed) || ReferenceData.IsDepartment(trimmed),
                "departmentCode", "no department '{0}'", trimmed)
            .ThrowIfInvalid();
        EnsureStatus("dispatch", CaseStatus.Filed, CaseStatus.Returned);
        DispatchTo(kind!.Value, trimmed!, actor.Caller.Subject, now, calendar);
    }

    private void DispatchTo(AssigneeKind kind, string code, string actor, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        AssigneeKind = kind;
        AssigneeCode = code;
        var firstDispatch = DispatchedAt is null;
        if (firstDispatch)
        {
            DispatchedAt = now;
            LimitWorkingDays = CaseCategories.LimitOf(Category);
            DueCountedFrom = WorkingDayCalendar.ChinaDateOf(now);
            DueOn = calendar.AddWorkingDays(DueCountedFrom.Value, LimitWorkingDays.Value);
        }
        Status = CaseStatus.Dispatched;
        WriteHistory(actor, now, CaseStatus.Dispatched, null, firstDispatch ? calendar : null);
        Record(DispatchedEvent(now, DueOn!.Value));
    }

    public void Acknowledge(CaseActor actor, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayWork(actor, this);
        EnsureStatus("acknowledge", CaseStatus.Dispatched);
        AcknowledgedAt ??= now; // time to acknowledge counts from the first dispatch to the first acknowledgement
        MoveTo(CaseStatus.Acknowledged, actor, now, null);
    }

    /// <summary>The assignee says it is not theirs: back to the dispatcher, counted against the assignee in reports.</summary>
    public void Return(CaseActor actor, string? reason, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayWork(actor, this);
        RequireReason(reason);
        EnsureStatus("return", CaseStatus.Dispatched);
        var trimmed = reason!.Trim();
        MoveTo(CaseStatus.Returned, actor, now, trimmed);
        Record(new CaseReturned(Id, DistrictCode, EnumNames.Of(AssigneeKind!.Value), AssigneeCode!, trimmed, now));
    }

    public void StartWork(CaseActor actor, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayWork(actor, this);
        EnsureStatus("start work on", CaseStatus.Acknowledged);
        MoveTo(CaseStatus.InProgress, actor, now, null);
    }

    public void MarkHandled(CaseActor actor, string? note, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayWork(actor, this);
        RequireReason(note, "note");
        EnsureStatus("mark as handled", CaseStatus.InProgress);
        HandlerId = actor.Caller.Subject;
        HandledAt = now;
        StatusNote = note!.Trim();
        MoveTo(CaseStatus.Handled, actor, now, StatusNote);
        Record(new CaseHandled(Id, DistrictCode, EnumNames.Of(AssigneeKind!.Value), AssigneeCode!, StatusNote, now));
    }

    /// <summary>
    /// Someone other than the handler checks the work on site. Passed: verified, ready to close. Failed: back to the
    /// assignee as dispatched, with the reason, and the clock still running.
    /// </summary>
    public void VerifyHandling(CaseActor actor, bool passed, string? note, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayTriage(actor, this);
        if (actor.Caller.Subject == HandlerId)
            throw new ForbiddenException("The handler may not verify their own work; someone else checks it.");
        if (!passed) RequireReason(note, "note");
        else new Validator().Require(note is null || note.Length <= MaxReasonLength, "note", "must be at most {0} characters", MaxReasonLength).ThrowIfInvalid();
        EnsureStatus("verify the handling of", CaseStatus.Handled);
        StatusNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (passed)
        {
            VerifiedBy = actor.Caller.Subject;
            MoveTo(CaseStatus.Verified, actor, now, StatusNote);
        }
        else
        {
            HandlerId = null;
            HandledAt = null;
            MoveTo(CaseStatus.Dispatched, actor, now, StatusNote);
        }
    }

    public void Close(CaseActor actor, ClosureReason? reason, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        GovernanceAccess.EnsureMayDispatch(actor, this);
        new Validator().Require(reason is not null, "reason", "is required (one of {0})", string.Join(", ", Enum.GetValues<ClosureReason>().Select(v => EnumNames.Wire(v)))).ThrowIfInvalid();
        EnsureStatus("close", CaseStatus.Verified);
        ClosureReason = reason;
        ClosedAt = now;
        ClosedOverdue = IsPastDue(DueOn, HandledAt ?? now, calendar);
        MoveTo(CaseStatus.Closed, actor, now, null);
        Record(ClosedEvent(calendar)!);
    }

    /// <summary>The reporter rates how the case was dealt with (1 to 5), once.</summary>
    public void Evaluate(Caller caller, int score, string? comment, DateTimeOffset now)
    {
        if (caller.Subject != ReporterId)
            throw new ForbiddenException("Only the person who reported the case evaluates it.");
        new Validator()
            .Require(score is >= 1 and <= 5, "score", "must be between 1 and 5")
            .Require(comment is null || comment.Length <= MaxReasonLength, "comment", "must be at most {0} characters", MaxReasonLength)
            .ThrowIfInvalid();
        EnsureStatus("evaluate", CaseStatus.Closed);
        EvaluationScore = score;
        EvaluationComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Status = CaseStatus.Evaluated;
        WriteHistory(caller.Subject, now, CaseStatus.Evaluated, EvaluationComment);
    }

    // ---- flow 1: waiting for an approvals application ----------------------------------------------------

    /// <summary>The actor of the history lines written on approvals' events.</summary>
    public const string ApprovalsActor = "approvals";

    /// <summary>The statuses in which a case may wait for an application: open, and its work not yet done.</summary>
    public static IReadOnlyList<CaseStatus> MayWait { get; } =
        [CaseStatus.Reported, CaseStatus.Verifying, CaseStatus.Filed, CaseStatus.Dispatched, CaseStatus.Returned,
            CaseStatus.Acknowledged, CaseStatus.InProgress];

    /// <summary>
    /// A grid worker applied for the citizen and linked this case: it waits, with its clock paused, until the decision.
    /// Returns why the link is refused (nothing changes then), or null when the case now waits. Only a worker on the
    /// case's grid team may link it, for an application of the case's district, so nobody can pause a foreign clock.
    /// </summary>
    public string? AwaitApplication(Guid applicationId, string? districtCode, string submittedBy, bool submitterOnGridTeam, DateTimeOffset submittedAt)
    {
        if (!submitterOnGridTeam || districtCode != DistrictCode) return WaitRefusal.NotOnGridTeam;
        if (Status == CaseStatus.WaitingForApproval) return WaitRefusal.AlreadyWaiting;
        if (!MayWait.Contains(Status)) return WaitRefusal.NotOpen;
        StatusBeforeWaiting = Status;
        WaitingForApplicationId = applicationId;
        WaitingSince = submittedAt;
        Status = CaseStatus.WaitingForApproval;
        WriteHistory(submittedBy, submittedAt, Status, $"application {applicationId}");
        return null;
    }

    /// <summary>The application asks for corrections: they return to the grid worker, and the case shows it.</summary>
    public bool RecordCorrectionRequested(Guid applicationId, IReadOnlyList<string> materials, DateTimeOffset at)
    {
        if (WaitingForApplicationId != applicationId) return false;
        AwaitingCorrection = true;
        var note = $"application {applicationId}: correction requested ({string.Join("; ", materials)})";
        WriteHistory(ApprovalsActor, at, Status, note.Length <= MaxReasonLength ? note : note[..MaxReasonLength]);
        return true;
    }

    /// <summary>The corrected application was accepted: nothing is owed by the worker any more.</summary>
    public bool RecordApplicationAccepted(Guid applicationId)
    {
        if (WaitingForApplicationId != applicationId || !AwaitingCorrection) return false;
        AwaitingCorrection = false;
        Revision++;
        return true;
    }

    /// <summary>
    /// The application was decided or not accepted: the case resumes where it was. A running deadline moves on by the
    /// working days waited (<see cref="WorkingDayCalendar.CountWorkingDays(DateTimeOffset, DateTimeOffset)"/> from the
    /// submission to <paramref name="at"/>), by moving where it is counted from, so a later re-projection keeps the
    /// pause. Returns false for any other application, or when the case no longer waits (a redelivered decision).
    /// </summary>
    public bool ResumeAfterApplication(Guid applicationId, string outcome, DateTimeOffset at, WorkingDayCalendar calendar)
    {
        if (Status != CaseStatus.WaitingForApproval || WaitingForApplicationId != applicationId) return false;
        var waited = calendar.CountWorkingDays(WaitingSince!.Value, at);
        Status = StatusBeforeWaiting!.Value;
        var clockRuns = ClockRunning.Contains(Status) && DueOn is not null;
        if (clockRuns)
        {
            DueCountedFrom = calendar.AddWorkingDays(DueStart(), waited);
            DueOn = calendar.AddWorkingDays(DueCountedFrom.Value, DueWorkingDays());
        }
        StatusBeforeWaiting = null;
        WaitingForApplicationId = null;
        WaitingSince = null;
        AwaitingCorrection = false;
        WriteHistory(ApprovalsActor, at, Status, $"application {applicationId} {outcome}; waited {waited} working days",
            clockRuns ? calendar : null);
        return true;
    }

    // ---- the integration events of the workflow ---------------------------------------------------------
    // Built from the stored state only, so the transitions and the dashboards' replay (DashboardReplayer) build the same
    // event for the same case.

    public CaseReported ReportedEvent() =>
        new(Id, DistrictCode, GridCode, Category, EnumNames.Of(Source), ReportedAt, CaseCategories.CityTag(Category));

    /// <summary>A dispatch to the current assignee, at <paramref name="at"/>, due <paramref name="dueOn"/>.</summary>
    public CaseDispatched DispatchedEvent(DateTimeOffset at, DateOnly dueOn) =>
        new(Id, DistrictCode, EnumNames.Of(AssigneeKind!.Value), AssigneeCode!, dueOn, at);

    public CaseEscalated EscalatedEvent(EscalationLevel level, DateOnly dueOn, DateTimeOffset at, string? ownerId) =>
        new(Id, DistrictCode, CommunityCode, GridCode, EnumNames.Of(level), dueOn, at, ownerId);

    /// <summary>
    /// The events the case's current state implies, in the order they were published: what the dashboards' replay sends.
    /// One dispatch (the first, which started the clock, to the current assignee: a return and re-dispatch is not told
    /// apart), each escalation as its history line recorded it, and the close.
    /// </summary>
    public IEnumerable<object> ImpliedEvents(WorkingDayCalendar calendar)
    {
        yield return ReportedEvent();
        if (DispatchedAt is { } dispatchedAt && AssigneeKind is not null)
        {
            var first = History.OrderBy(h => h.Sequence).FirstOrDefault(h => h.Status == CaseStatus.Dispatched && h.DueOn is not null);
            yield return DispatchedEvent(dispatchedAt, first?.DueOn ?? DueOn!.Value);
        }
        foreach (var escalation in History.Where(h => h.Actor == EscalationActor && h.DueOn is not null).OrderBy(h => h.Sequence))
            yield return EscalatedEvent(escalation.EscalationLevel, escalation.DueOn!.Value, escalation.At, escalation.OwnerId);
        if (ClosedEvent(calendar) is { } closed) yield return closed;
    }

    /// <summary>
    /// The close of a closed (or evaluated) case, or of one resolved on the spot (FIXED, never dispatched, so no assignee);
    /// null while it is open. The working days to close are counted on <paramref name="calendar"/> from the report.
    /// </summary>
    public CaseClosed? ClosedEvent(WorkingDayCalendar calendar)
    {
        var selfResolved = Status == CaseStatus.SelfResolved;
        var closedAt = selfResolved
            ? History.Last(h => h.Status == CaseStatus.SelfResolved).At
            : Status is CaseStatus.Closed or CaseStatus.Evaluated ? ClosedAt : null;
        if (closedAt is null) return null;
        return new CaseClosed(Id, DistrictCode, EnumNames.Of(ClosureReason ?? Domain.ClosureReason.Fixed), ClosedOverdue, closedAt.Value,
            GridCode.Length == 0 ? null : GridCode, Category,
            AssigneeKind is { } kind ? EnumNames.Of(kind) : null, AssigneeCode, selfResolved,
            calendar.CountWorkingDays(ReportedAt, closedAt.Value));
    }

    // ---- escalation -------------------------------------------------------------------------------------

    /// <summary>The statuses after which nothing is left to do on a case.</summary>
    public static IReadOnlyList<CaseStatus> Settled { get; } =
        [CaseStatus.Voided, CaseStatus.SelfResolved, CaseStatus.Closed, CaseStatus.Evaluated];

    /// <summary>The statuses in which the assignee still owes work, so the clock runs and an overdue case escalates.</summary>
    public static IReadOnlyList<CaseStatus> ClockRunning { get; } =
        [CaseStatus.Dispatched, CaseStatus.Returned, CaseStatus.Acknowledged, CaseStatus.InProgress];

    public bool IsOverdue(DateTimeOffset now, WorkingDayCalendar calendar) =>
        ClockRunning.Contains(Status) && IsPastDue(DueOn, now, calendar);

    /// <summary>
    /// Moves an overdue case up one level and gives that level its time box, counted from today. A case becomes
    /// overdue on the first working day after its due day, so a weekend or a holiday never escalates anything.
    /// It lands on the person <paramref name="ownerAt"/> names for the new level (null: nobody holds that level's post).
    /// Returns whether it escalated; at city level there is nowhere further to go.
    /// </summary>
    public bool TryEscalate(DateTimeOffset now, WorkingDayCalendar calendar, Func<EscalationLevel, string?>? ownerAt = null)
    {
        if (EscalationLevel == EscalationLevel.City || !IsOverdue(now, calendar)) return false;
        EscalationLevel++;
        OwnerId = ownerAt?.Invoke(EscalationLevel);
        DueCountedFrom = WorkingDayCalendar.ChinaDateOf(now);
        DueOn = calendar.AddWorkingDays(DueCountedFrom.Value, TimeBoxOf(EscalationLevel));
        WriteHistory(EscalationActor, now, Status, $"escalated to {EnumNames.Of(EscalationLevel)}", calendar);
        Record(EscalatedEvent(EscalationLevel, DueOn.Value, now, OwnerId));
        return true;
    }

    /// <summary>
    /// Hands the case to a named holder of its level's post (<paramref name="holdsLevelPost"/>, as the directory says:
    /// at grid level a member of its grid's team), written in the history with the reason. The district admin or a
    /// city admin; 409 once settled.
    /// </summary>
    public void Reassign(CaseActor actor, string? ownerId, bool holdsLevelPost, string? reason, DateTimeOffset now)
    {
        GovernanceAccess.EnsureMayDispatch(actor, this);
        new Validator()
            .RequireText(ownerId, "ownerId", Platform.Security.CallerExtensions.MaxSubjectLength)
            .Require(string.IsNullOrWhiteSpace(ownerId) || holdsLevelPost, "ownerId",
                "'{0}' holds no active post at the case's level ({1})", ownerId, EscalationLevel)
            .RequireText(reason, "reason", MaxReasonLength)
            .ThrowIfInvalid();
        if (Settled.Contains(Status))
            throw new ConflictException("Cannot {0} a case that is {1}.", new LocalText("reassign"), Status);
        if (ownerId!.Trim() == OwnerId)
            throw new ConflictException("The case is with '{0}' already.", OwnerId);
        var previous = OwnerId;
        OwnerId = ownerId.Trim();
        WriteHistory(actor.Caller.Subject, now, Status, reason!.Trim());
        Record(new CaseReassigned(Id, DistrictCode, EnumNames.Of(EscalationLevel), OwnerId, previous, now));
    }

    // ---- the calendar -------------------------------------------------------------------------------------

    /// <summary>
    /// Recounts the running deadline from where it was counted, with <paramref name="calendar"/> (after a calendar year
    /// was published). When the date moves, a history line by <see cref="CalendarActor"/> says from what to what and
    /// why. Returns whether it moved; a second run with the same calendar moves nothing.
    /// </summary>
    public bool ReprojectDue(WorkingDayCalendar calendar, DateTimeOffset now, string reason)
    {
        if (!ClockRunning.Contains(Status) || DueOn is not { } oldDue) return false;
        var newDue = calendar.AddWorkingDays(DueStart(), DueWorkingDays());
        if (newDue == oldDue) return false;
        DueOn = newDue;
        var note = $"办理期限 {oldDue:yyyy-MM-dd} → {newDue:yyyy-MM-dd}：{reason.Trim()}";
        WriteHistory(CalendarActor, now, Status, note.Length <= MaxReasonLength ? note : note[..MaxReasonLength], calendar);
        return true;
    }

    /// <summary>
    /// Whether the running deadline was counted over official years only, or may still move when a year is published;
    /// null when no deadline runs.
    /// </summary>
    public CalendarBasis? DueBasis(WorkingDayCalendar calendar) =>
        ClockRunning.Contains(Status) && DueOn is { } due ? calendar.BasisOf(DueStart(), due) : null;

    /// <summary>
    /// Where the current deadline was counted from. Rows written before <see cref="DueCountedFrom"/> was kept have it
    /// in what they did keep: the first dispatch at grid level, else the last escalation's history line.
    /// </summary>
    private DateOnly DueStart() => DueCountedFrom ?? WorkingDayCalendar.ChinaDateOf(
        EscalationLevel == EscalationLevel.Grid ? DispatchedAt!.Value : History.Where(h => h.Actor == EscalationActor).MaxBy(h => h.Sequence)!.At);

    private int DueWorkingDays() => EscalationLevel == EscalationLevel.Grid ? LimitWorkingDays!.Value : TimeBoxOf(EscalationLevel);

    /// <summary>Working days each level has, once a case reaches it, before it moves up again.</summary>
    public static int TimeBoxOf(EscalationLevel level) => level switch
    {
        EscalationLevel.Community => 2,
        EscalationLevel.District => 2,
        EscalationLevel.City => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    private static bool IsPastDue(DateOnly? dueOn, DateTimeOffset at, WorkingDayCalendar calendar)
    {
        if (dueOn is null) return false;
        var day = WorkingDayCalendar.ChinaDateOf(at);
        return day > dueOn.Value && calendar.CountWorkingDays(dueOn.Value, day) > 0;
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void EnsureStatus(string action, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new ConflictException("Cannot {0} a case that is {1}.", new LocalText(action), Status);
    }

    private static void RequireReason(string? reason, string field = "reason") =>
        new Validator().RequireText(reason, field, MaxReasonLength).ThrowIfInvalid();

    private void MoveTo(CaseStatus status, CaseActor actor, DateTimeOffset now, string? note)
    {
        Status = status;
        WriteHistory(actor.Caller.Subject, now, status, note);
    }

    /// <summary>Writes a history line; pass the calendar when the line sets or moves the deadline, so it records both.</summary>
    private void WriteHistory(string actor, DateTimeOffset now, CaseStatus status, string? note, WorkingDayCalendar? deadlineCalendar = null)
    {
        _history.Add(new CaseHistoryEntry
        {
            Sequence = _history.Count + 1,
            At = now,
            Actor = actor,
            Status = status,
            Note = note,
            AssigneeCode = AssigneeCode,
            EscalationLevel = EscalationLevel,
            OwnerId = OwnerId,
            DueOn = deadlineCalendar is null ? null : DueOn,
            CalendarBasis = deadlineCalendar?.BasisOf(DueStart(), DueOn!.Value),
        });
        Revision++;
    }
}

/// <summary>One step of a case's life: who moved it to which status, when, and the assignee at that moment.</summary>
public sealed class CaseHistoryEntry
{
    public int Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public string Actor { get; init; } = "";
    public CaseStatus Status { get; init; }
    public string? Note { get; init; }
    public string? AssigneeCode { get; init; }
    public EscalationLevel EscalationLevel { get; init; }
    /// <summary>Who answered for the case at its level after this step (escalation and reassignment set it).</summary>
    public string? OwnerId { get; init; }
    /// <summary>The deadline this step set or moved (dispatch, escalation, re-projection); null on other steps.</summary>
    public DateOnly? DueOn { get; init; }
    /// <summary>Whether <see cref="DueOn"/> was counted over official years only or may move when a year is published.</summary>
    public CalendarBasis? CalendarBasis { get; init; }
}

/// <summary>
/// Why a case does not wait for the application a grid worker linked to it (flow 1): codes for the log and the worker's
/// notification, not an API value.
/// </summary>
public static class WaitRefusal
{
    /// <summary>No such case, or the submitter is not on its grid team, or the application is for another district.</summary>
    public const string NotOnGridTeam = "NOT_ON_GRID_TEAM";
    public const string AlreadyWaiting = "ALREADY_WAITING";
    /// <summary>Settled, or its work is done (handled, verified).</summary>
    public const string NotOpen = "NOT_OPEN";
}

/// <summary>
/// The caller acting on a case, with what the directory says about them on the day: whether they hold a post on the
/// case's grid team, and whether they hold a post in the work module of the case's district it is dispatched to.
/// </summary>
public sealed record CaseActor(Caller Caller, bool OnGridTeam, bool InDispatchedModule = false);
