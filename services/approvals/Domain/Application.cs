using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Approvals.Domain;

/// <summary>
/// A citizen's application for one matter, through the whole state machine of DOMAIN.md §1. Each transition
/// checks who may make it (403), then the input (400), then the state (409), records itself in the clock
/// ledger and queues the integration events it causes; the caller saves the lot in one transaction.
/// Time limits are working days of <see cref="WorkingDayCalendar"/>, counted on China Standard Time dates.
/// </summary>
public sealed class Application : Aggregate
{
    public const int MaxMaterials = 50;
    /// <summary>Without a correction notice within this many working days of receipt, the application counts as accepted on the day received.</summary>
    public const int CorrectionWindowDays = 5;
    public const int ExtensionDays = 10;
    public const int JointExtensionDays = 15;
    public const int CertificateLimitDays = 10;
    public const int RectificationLimitDays = 15;
    public const string SystemActor = "system";
    /// <summary>
    /// The longest ledger reason or status reason the store keeps (their columns' size). A correction notice names every
    /// material (up to 50 of 200 characters) and a joint rejection every department's reason, so either can run longer;
    /// it is shortened, and the full text stays where it came from (the requested corrections, each step's reason).
    /// </summary>
    public const int MaxStoredReasonLength = 4000;

    public Guid Id { get; private set; }
    public string MatterCode { get; private set; } = "";
    public int MatterVersion { get; private set; }
    public MatterKind Kind { get; private set; }
    public string DepartmentCode { get; private set; } = "";
    public string ApplicantId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    /// <summary>The applicant's resident ID number (GB 11643), normalized; shown whole only to the applicant and the handling departments' clerks.</summary>
    public string? ResidentId { get; private set; }
    /// <summary>
    /// Flow 1: the governance case a grid worker applied for. Only recorded and announced here; governance checks that
    /// the submitter is on the case's grid team before the case waits for this application.
    /// </summary>
    public Guid? CaseId { get; private set; }
    /// <summary>Who handed the application in: the citizen, or the grid worker or clerk acting for them.</summary>
    public string SubmittedBy { get; private set; } = "";
    public Channel Channel { get; private set; }
    public string? DistrictCode { get; private set; }
    public ApplicationStatus Status { get; private set; }
    private List<string> _materials = [];
    public IReadOnlyList<string> Materials => _materials;
    private List<string> _missingMaterials = [];
    public IReadOnlyList<string> MissingMaterials => _missingMaterials;
    private readonly List<ProvidedMaterial> _provided = [];
    /// <summary>Materials count as provided only through these (see <see cref="AttachFile"/>); named ones are declared.</summary>
    public IReadOnlyList<ProvidedMaterial> ProvidedMaterials => _provided;
    private List<string> _requestedCorrections = [];
    public IReadOnlyList<string> RequestedCorrections => _requestedCorrections;
    /// <summary>What the first correction notice listed: a later notice may not ask for any of it again (一次性告知).</summary>
    private List<string> _firstNoticeMaterials = [];
    public IReadOnlyList<string> FirstNoticeMaterials => _firstNoticeMaterials;
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>The latest receipt of materials: the submission, or the resubmission after a correction notice.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }
    public int PromisedLimitDays { get; private set; }
    public int StatutoryLimitDays { get; private set; }
    /// <summary>The matter's flag when submitted: an approval is followed up by governance's market supervision.</summary>
    public bool SupervisionRequired { get; private set; }
    public int Visits { get; private set; }
    /// <summary>The matter's limit on in-person visits when submitted; a visit beyond it warns the supervisor.</summary>
    public int MaxVisits { get; private set; }
    /// <summary>The matter's 一区五城 tag when submitted, carried by the application's events for the dashboards.</summary>
    public string? CityTag { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }
    public bool DeemedAccepted { get; private set; }
    /// <summary>The day the clocks start from (exclusive): the acceptance date, or the receipt date when acceptance was deemed.</summary>
    public DateOnly? ClockStartOn { get; private set; }
    public DateOnly? PromisedDueOn { get; private set; }
    public DateOnly? StatutoryDueOn { get; private set; }
    public int PausedWorkingDays { get; private set; }
    public int ExtensionWorkingDays { get; private set; }
    public SuspensionKind? SuspensionKind { get; private set; }
    public string? SuspensionReason { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }
    private readonly List<ReviewStep> _steps = [];
    public IReadOnlyList<ReviewStep> Steps => _steps;

    public string? StatusReason { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public int? ElapsedWorkingDays { get; private set; }
    public DateOnly? CertificateDueOn { get; private set; }
    public string? CertificateNumber { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public Evaluation? Evaluation { get; private set; }
    public Rectification? Rectification { get; private set; }
    private readonly List<LedgerEntry> _ledger = [];
    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>Bumped by every transition; the store uses it to refuse a concurrent change (two departments deciding at once).</summary>
    public int Revision { get; private set; }

    public bool Extended => ExtensionWorkingDays > 0;
    public IEnumerable<string> ReviewingDepartments => Steps.Select(s => s.DepartmentCode);

    private Application() { }

    /// <summary>
    /// Validates the draft (all bad fields at once), checks that the caller may submit it, and records the
    /// missing materials so that one correction notice can list them all. <paramref name="id"/> is given when another
    /// service requested the application and chose its id (see <c>ApplicationRequested</c>).
    /// </summary>
    public static Application Submit(Matter? matter, SubmissionDraft draft, Caller caller, DateTimeOffset now, Guid? id = null)
    {
        var needsDistrict = draft.Channel is Channel.ServiceHall or Channel.GridWorker;
        var onBehalf = !caller.Is(PlatformRoles.Citizen);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.MatterCode), "matterCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.MatterCode) || matter is not null, "matterCode", "no matter '{0}' in the catalogue", draft.MatterCode)
            .Require(draft.Channel is not null, "channel", "is required ({0}, {1} or {2})", Channel.Online, Channel.ServiceHall, Channel.GridWorker)
            .Require(!needsDistrict || !string.IsNullOrWhiteSpace(draft.DistrictCode), "districtCode", "is required at a service hall or through a grid worker")
            .Require(string.IsNullOrWhiteSpace(draft.DistrictCode) || ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .Require(!onBehalf || !string.IsNullOrWhiteSpace(draft.ApplicantId), "applicantId", "is required when submitting on a citizen's behalf")
            .Require((draft.ApplicantId?.Length ?? 0) <= 64, "applicantId", "must be at most {0} characters", 64)
            .RequireText(draft.ApplicantName, "applicantName", 100)
            .Require(draft.ResidentId is null || ResidentIdNumber.IsValid(ResidentIdNumber.Normalize(draft.ResidentId)), "residentId",
                "must be an 18-character resident ID number with a valid check character")
            .RequireMaterials(draft.Materials)
            .Require(draft.CaseId is null || draft.Channel == Channel.GridWorker, "caseId", "only an application through {0} links a case", Channel.GridWorker)
            .ThrowIfInvalid();

        var channel = draft.Channel!.Value;
        var district = string.IsNullOrWhiteSpace(draft.DistrictCode) ? null : draft.DistrictCode;
        var applicantId = onBehalf ? draft.ApplicantId! : caller.Subject;
        ApplicationAccess.EnsureMaySubmit(caller, channel, district, draft.ApplicantId);

        var application = new Application
        {
            Id = id ?? Guid.CreateVersion7(now),
            MatterCode = matter!.Code,
            MatterVersion = matter.Version,
            Kind = matter.Kind,
            DepartmentCode = matter.DepartmentCode,
            ApplicantId = applicantId,
            ApplicantName = TextRules.Normalize(draft.ApplicantName!).Trim(),
            ResidentId = draft.ResidentId is null ? null : ResidentIdNumber.Normalize(draft.ResidentId),
            CaseId = draft.CaseId,
            SubmittedBy = caller.Subject,
            Channel = channel,
            DistrictCode = district,
            Status = ApplicationStatus.Submitted,
            _materials = Normalise(draft.Materials),
            // nothing is provided yet: see HandIn
            _missingMaterials = matter.MissingFrom([]).ToList(),
            SubmittedAt = now,
            ReceivedAt = now,
            PromisedLimitDays = matter.PromisedLimitDays,
            StatutoryLimitDays = matter.StatutoryLimitDays,
            SupervisionRequired = matter.SupervisionRequired,
            MaxVisits = matter.MaxVisits,
            CityTag = matter.CityTag,
        };
        application.HandIn(application._materials, caller, now);
        application.Record(caller, now, LedgerAction.Submitted, null);
        application.Record(application.SubmittedEvent());
        if (channel == Channel.ServiceHall) application.CountVisit(now);
        return application;
    }

    /// <summary>
    /// One notice listing every missing material (一次性告知): one that leaves a missing material out is refused, and so is
    /// a later notice asking again for what the first one listed (the applicant was told everything at once, so the
    /// department decides not to accept instead). Refused once acceptance is deemed.
    /// </summary>
    public void RequestCorrection(IReadOnlyList<string> materials, string? note, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        var requested = materials.Count > 0 ? Normalise(materials) : [.. MissingMaterials];
        var left = MissingMaterials.Except(requested, StringComparer.OrdinalIgnoreCase).ToList();
        new Validator()
            .Require(materials.Count > 0 || MissingMaterials.Count > 0, "materials", "nothing required is missing: name the materials to correct")
            .RequireMaterials(materials)
            .RequireAtMost(note, "note", 500)
            .ThrowIfInvalid();
        EnsureStatus("request a correction", ApplicationStatus.Submitted);
        if (CorrectionWindowClosed(now, calendar))
            throw new ConflictException("No correction notice was sent within {0} working days of receipt: the application counts as accepted.", CorrectionWindowDays);
        // what is missing depends on the state, so this input check comes after the state's
        new Validator().Require(left.Count == 0, "materials", "must list every missing material at once; also missing: {0}", string.Join(", ", left)).ThrowIfInvalid();
        var again = requested.Intersect(_firstNoticeMaterials, StringComparer.OrdinalIgnoreCase).ToList();
        if (again.Count > 0)
        {
            throw new ConflictException("The first correction notice already asked for {0}: one notice tells everything at once, so decide not to accept instead.",
                string.Join(", ", again));
        }

        Status = ApplicationStatus.CorrectionRequested;
        _requestedCorrections = requested;
        if (_firstNoticeMaterials.Count == 0) _firstNoticeMaterials = [.. requested];
        Record(caller, now, LedgerAction.CorrectionRequested, string.IsNullOrWhiteSpace(note) ? string.Join("; ", requested) : note.Trim());
        Record(new CorrectionRequested(Id, MatterCode, DepartmentCode, ApplicantId, SubmittedBy, DistrictCode, requested, now));
    }

    /// <summary>The applicant, or whoever submitted for them, hands in the requested materials.</summary>
    public void Resubmit(IReadOnlyList<string> materials, Matter matter, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureApplicantOrSubmitter(caller, this);
        new Validator()
            .Require(materials.Count > 0, "materials", "name the materials handed in")
            .RequireMaterials(materials)
            .Require(Materials.Count + materials.Count <= MaxMaterials * 2, "materials", "too many materials on one application")
            .ThrowIfInvalid();
        EnsureStatus("resubmit", ApplicationStatus.CorrectionRequested);

        _materials = Normalise(_materials.Concat(materials));
        Status = ApplicationStatus.Submitted;
        HandIn(Normalise(materials), caller, now);
        ReceivedAt = now;
        Record(caller, now, LedgerAction.Resubmitted, null);
        if (Channel == Channel.ServiceHall) CountVisit(now);
    }

    /// <summary>
    /// The lead department accepts: the clocks start today and the review steps open. Once the correction window
    /// has passed the application already counts as accepted on the day it was received, whoever gets there
    /// first (this clerk or the supervisor's deemed acceptance), and missing materials no longer stop it.
    /// </summary>
    public void Accept(Matter matter, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        EnsureStatus("accept", ApplicationStatus.Submitted);
        var deemed = CorrectionWindowClosed(now, calendar);
        if (!deemed && MissingMaterials.Count > 0)
            throw new ConflictException("Required materials are missing ({0}): request a correction first.", string.Join(", ", MissingMaterials));
        var acceptedAt = deemed ? ReceivedAt : now;
        StartClocks(matter, acceptedAt, WorkingDayCalendar.ChinaDateOf(acceptedAt), deemed, calendar);
        Record(caller, now, LedgerAction.Accepted,
            deemed ? $"after the {CorrectionWindowDays}-working-day correction window: counts as accepted on the day received" : null, calendar);
    }

    /// <summary>
    /// The supervisor's rule: no correction notice within the window means the application was accepted on the
    /// day it was received. Returns false when it does not apply yet.
    /// </summary>
    public bool TryDeemAccepted(Matter matter, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        if (Status != ApplicationStatus.Submitted || !CorrectionWindowClosed(now, calendar)) return false;
        StartClocks(matter, ReceivedAt, WorkingDayCalendar.ChinaDateOf(ReceivedAt), deemed: true, calendar);
        Record(SystemActor, SystemActor, now, LedgerAction.DeemedAccepted,
            $"no correction notice within {CorrectionWindowDays} working days of receipt", null, calendar);
        return true;
    }

    public void RejectAcceptance(string? reason, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        RequireReason(reason);
        EnsureStatus("not accept", ApplicationStatus.Submitted, ApplicationStatus.CorrectionRequested);
        Status = ApplicationStatus.NotAccepted;
        StatusReason = reason!.Trim();
        Record(caller, now, LedgerAction.NotAccepted, StatusReason);
        Record(NotAcceptedEvent(now));
    }

    /// <summary>A hearing, inspection or expert review: the clock pauses until <see cref="Resume"/>.</summary>
    public void Suspend(SuspensionKind? kind, string? reason, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureReviewingClerk(caller, this);
        new Validator()
            .Require(kind is not null, "kind", "is required ({0}, {1} or {2})", Domain.SuspensionKind.Hearing, Domain.SuspensionKind.Inspection, Domain.SuspensionKind.ExpertReview)
            .RequireText(reason, "reason", 500)
            .ThrowIfInvalid();
        EnsureStatus("suspend", ApplicationStatus.InReview);
        Status = ApplicationStatus.Suspended;
        SuspensionKind = kind;
        SuspensionReason = reason!.Trim();
        SuspendedAt = now;
        Record(caller, now, LedgerAction.Suspended, $"{EnumNames.Wire(kind!.Value)}: {SuspensionReason}");
    }

    /// <summary>The working days spent suspended push every due date back by as many working days.</summary>
    public void Resume(string? note, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ApplicationAccess.EnsureReviewingClerk(caller, this);
        new Validator().RequireAtMost(note, "note", 500).ThrowIfInvalid();
        EnsureStatus("resume", ApplicationStatus.Suspended);
        PausedWorkingDays += calendar.CountWorkingDays(SuspendedAt!.Value, now);
        Status = ApplicationStatus.InReview;
        SuspensionKind = null;
        SuspensionReason = null;
        SuspendedAt = null;
        UpdateDueDates(calendar);
        Record(caller, now, LedgerAction.Resumed, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), calendar);
    }

    /// <summary>Once per application: +10 working days, +15 for a joint matter.</summary>
    public void Extend(string? reason, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        RequireReason(reason);
        EnsureStatus("extend", ApplicationStatus.InReview);
        if (Extended) throw new ConflictException("The time limit has already been extended once; a second extension is not allowed.");
        ExtensionWorkingDays = Kind == MatterKind.Joint ? JointExtensionDays : ExtensionDays;
        UpdateDueDates(calendar);
        Record(caller, now, LedgerAction.Extended, reason!.Trim(), calendar);
    }

    /// <summary>
    /// A department decides its step. When the last step is decided the application is: approved if every
    /// department approved, otherwise rejected with every rejecting department's reason.
    /// </summary>
    public void DecideStep(string? departmentCode, Decision? decision, string? reason, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        var department = string.IsNullOrWhiteSpace(departmentCode) ? caller.DepartmentCode : departmentCode;
        // first, as every other transition does: a clerk who may not see the application must not learn its state (409) either
        ApplicationAccess.EnsureMaySee(caller, this);
        ApplicationAccess.EnsureStepClerk(caller, department);
        new Validator()
            .Require(decision is not null, "decision", "is required ({0} or {1})", Decision.Approve, Decision.Reject)
            .Require(decision != Decision.Reject || !string.IsNullOrWhiteSpace(reason), "reason", "is required to reject")
            .RequireAtMost(reason, "reason", 500)
            .ThrowIfInvalid();
        EnsureStatus("decide", ApplicationStatus.InReview);
        var step = Steps.FirstOrDefault(s => s.DepartmentCode == department)
            ?? throw new ForbiddenException("{0} has no review step on this application.", department);
        if (step.Status != StepStatus.Pending)
            throw new ConflictException("{0} has already decided its step ({1}).", department, step.Status);

        step.Decide(decision == Decision.Approve ? StepStatus.Approved : StepStatus.Rejected,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), caller.Subject, now);
        Record(caller.Subject, caller.Role, now, LedgerAction.StepDecided, $"{EnumNames.Wire(step.Status)}{(step.Reason is null ? "" : ": " + step.Reason)}", department, calendar);

        if (Steps.Any(s => s.Status == StepStatus.Pending)) return;
        var rejections = Steps.Where(s => s.Status == StepStatus.Rejected).Select(s => $"{s.DepartmentCode}: {s.Reason}").ToList();
        Status = rejections.Count == 0 ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        StatusReason = rejections.Count == 0 ? null : ShortenReason(string.Join("; ", rejections));
        DecidedAt = now;
        ElapsedWorkingDays = ElapsedOn(WorkingDayCalendar.ChinaDateOf(now), calendar);
        if (Status == ApplicationStatus.Approved) CertificateDueOn = CertificateDueOnWith(calendar);
        Record(SystemActor, SystemActor, now, LedgerAction.Decided, StatusReason ?? "all departments approved", null, calendar);
        Record(DecidedEvent());
    }

    public void IssueCertificate(Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        EnsureStatus("issue a certificate for", ApplicationStatus.Approved);
        Status = ApplicationStatus.Issued;
        IssuedAt = now;
        CertificateNumber = $"{MatterCode}-{WorkingDayCalendar.ChinaDateOf(now):yyyyMMdd}-{Id.ToString("N")[^8..].ToUpperInvariant()}";
        Record(caller, now, LedgerAction.Issued, CertificateNumber);
        Record(new CertificateIssued(Id, MatterCode, DepartmentCode, ApplicantId, DistrictCode, CertificateNumber, now));
    }

    /// <summary>The applicant rates the service once it has ended; 1 or 2 opens a rectification item due in 15 working days.</summary>
    public void Evaluate(int rating, string? comment, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ApplicationAccess.EnsureApplicant(caller, this);
        new Validator()
            .Require(rating is >= 1 and <= 5, "rating", "must be between 1 and 5")
            .RequireAtMost(comment, "comment", 500)
            .ThrowIfInvalid();
        EnsureStatus("evaluate", ApplicationStatus.Issued, ApplicationStatus.Rejected, ApplicationStatus.NotAccepted);
        if (Evaluation is not null) throw new ConflictException("This application has already been evaluated.");

        Evaluation = new Evaluation { Rating = rating, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), EvaluatedAt = now };
        if (rating <= 2)
        {
            var today = WorkingDayCalendar.ChinaDateOf(now);
            Rectification = new Rectification { OpenedOn = today, DueOn = calendar.AddWorkingDays(today, RectificationLimitDays) };
        }
        Record(caller, now, LedgerAction.Evaluated, $"rating {rating}", calendar);
        Record(EvaluatedEvent());
    }

    public void CloseRectification(string? actionTaken, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureLeadClerk(caller, this);
        new Validator().RequireText(actionTaken, "actionTaken", 1000).ThrowIfInvalid();
        if (Rectification is null) throw new ConflictException("This application has no rectification item.");
        if (Rectification.IsClosed) throw new ConflictException("The rectification item is already closed.");
        Rectification.Close(actionTaken!.Trim(), now);
        Record(caller, now, LedgerAction.RectificationClosed, Rectification.ActionTaken);
    }

    /// <summary>
    /// A year's working days changed (its official arrangement was published or corrected): every open deadline is
    /// counted again from its start with <paramref name="calendar"/>, as the transition that set it counted it, and the
    /// dates that moved go into one ledger line by the system, with <paramref name="reason"/>. Returns the moves
    /// ("承诺期限 2027-01-20 → 2027-01-19"); none means nothing moved and nothing was recorded, so a second call with the
    /// same calendar changes nothing.
    /// </summary>
    /// <remarks>
    /// Paused days are kept as counted when the clock resumed: the pause's dates are not stored, and a year is
    /// normally published before its days are lived.
    /// </remarks>
    public IReadOnlyList<string> ReprojectClocks(WorkingDayCalendar calendar, DateTimeOffset now, string reason)
    {
        var moves = new List<string>();
        void Compare(string clock, DateOnly? before, DateOnly? after)
        {
            if (before != after) moves.Add($"{clock} {DateText(before)} → {DateText(after)}");
        }
        if (Status is ApplicationStatus.InReview or ApplicationStatus.Suspended)
        {
            var (promised, statutory) = (PromisedDueOn, StatutoryDueOn);
            UpdateDueDates(calendar);
            Compare("承诺期限", promised, PromisedDueOn);
            Compare("法定期限", statutory, StatutoryDueOn);
        }
        if (Status == ApplicationStatus.Approved)
        {
            var certificate = CertificateDueOn;
            CertificateDueOn = CertificateDueOnWith(calendar);
            Compare("发证期限", certificate, CertificateDueOn);
        }
        if (Rectification is { IsClosed: false } rectification)
        {
            var due = rectification.DueOn;
            rectification.DueOn = calendar.AddWorkingDays(rectification.OpenedOn, RectificationLimitDays);
            Compare("整改期限", due, rectification.DueOn);
        }
        if (moves.Count > 0)
            Record(SystemActor, SystemActor, now, LedgerAction.Reprojected, $"{string.Join("；", moves)}：{reason}", null, calendar);
        return moves;
    }

    // ---- materials: named (declared), provided by a file or an original seen at the counter --------------

    /// <summary>
    /// A file for one of the application's materials, by the applicant, whoever submitted for them or a clerk of a
    /// handling department, before the decision. Called before the file is read, so a refusal reads none of it.
    /// </summary>
    /// <returns>The material's name as stored.</returns>
    public string AttachFile(string? material, Guid fileId, Matter matter, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureMayAttach(caller, this);
        var name = RequireMaterialOf(material, matter);
        EnsureStatus("attach a file to", ApplicationStatus.Submitted, ApplicationStatus.CorrectionRequested, ApplicationStatus.InReview, ApplicationStatus.Suspended);
        Provide(name, MaterialEvidence.File, fileId, caller, now);
        return name;
    }

    /// <summary>A clerk of a handling department saw the original of a material at the counter.</summary>
    public void ConfirmOriginal(string? material, Matter matter, Caller caller, DateTimeOffset now)
    {
        ApplicationAccess.EnsureHandlingClerk(caller, this);
        var name = RequireMaterialOf(material, matter);
        EnsureStatus("confirm an original for", ApplicationStatus.Submitted, ApplicationStatus.CorrectionRequested, ApplicationStatus.InReview, ApplicationStatus.Suspended);
        if (_provided.Any(p => p.Evidence == MaterialEvidence.OriginalSeen && SameMaterial(p.Material, name)))
            throw new ConflictException("The original of {0} has already been confirmed.", new LocalText(name));
        Provide(name, MaterialEvidence.OriginalSeen, null, caller, now);
    }

    /// <summary>
    /// Materials handed in with a submission or resubmission: at a service hall they are handed over at the counter, where
    /// the clerk taking the application in sees the originals, so they count as provided; online or through a grid
    /// worker they are only named (declared) until a file is attached or a clerk sees the original.
    /// </summary>
    private void HandIn(IReadOnlyList<string> materials, Caller caller, DateTimeOffset now)
    {
        if (Channel != Channel.ServiceHall) return;
        foreach (var material in materials) Provided(Evidence(material, MaterialEvidence.OriginalSeen, null, caller, now));
    }

    private void Provide(string material, MaterialEvidence evidence, Guid? fileId, Caller caller, DateTimeOffset now)
    {
        Provided(Evidence(material, evidence, fileId, caller, now));
        if (!_materials.Any(m => SameMaterial(m, material))) _materials.Add(material);
        Revision++;
    }

    /// <summary>
    /// Only ever takes a material off the missing list: an application from before materials needed proof keeps what its
    /// named materials counted for then.
    /// </summary>
    private void Provided(ProvidedMaterial provided)
    {
        _provided.Add(provided);
        _missingMaterials.RemoveAll(m => SameMaterial(m, provided.Material));
    }

    private ProvidedMaterial Evidence(string material, MaterialEvidence evidence, Guid? fileId, Caller caller, DateTimeOffset now) =>
        new() { Sequence = _provided.Count + 1, Material = material, Evidence = evidence, FileId = fileId, ProvidedBy = caller.Subject, ProvidedAt = now };

    /// <summary>The stored name of a material the matter requires or the application names; 400 for any other.</summary>
    private string RequireMaterialOf(string? material, Matter matter)
    {
        var name = TextRules.Normalize(material ?? "").Trim();
        var known = matter.RequiredMaterials.Concat(_materials).FirstOrDefault(m => SameMaterial(m, name));
        new Validator()
            .Require(name.Length > 0, "material", "is required")
            .Require(name.Length == 0 || known is not null, "material", "'{0}' is not a material of this application", name)
            .ThrowIfInvalid();
        return known!;
    }

    private static bool SameMaterial(string a, string b) =>
        string.Equals(TextRules.Normalize(a).Trim(), TextRules.Normalize(b).Trim(), StringComparison.OrdinalIgnoreCase);

    // ---- the work a department owes ---------------------------------------------------------------

    /// <summary>
    /// What a department owes on the application now: acceptance (or a correction notice), the review, the certificate
    /// or the rectification; null when the applicant owes the next move or nothing is left to do. The work queue's
    /// query (WorkQueue) spells the same rule for the database.
    /// </summary>
    public WorkKind? OpenWork => Status switch
    {
        ApplicationStatus.Submitted => WorkKind.Acceptance,
        ApplicationStatus.InReview or ApplicationStatus.Suspended => WorkKind.Review,
        ApplicationStatus.Approved => WorkKind.Certificate,
        _ when Rectification is { IsClosed: false } => WorkKind.Rectification,
        _ => null,
    };

    /// <summary>When the open work is due: the promised due date, the certificate's or the rectification's (none for acceptance).</summary>
    public DateOnly? OpenWorkDueOn => OpenWork switch
    {
        WorkKind.Review => PromisedDueOn,
        WorkKind.Certificate => CertificateDueOn,
        WorkKind.Rectification => Rectification!.DueOn,
        _ => null,
    };

    // ---- clocks ----------------------------------------------------------------------------------

    /// <summary>
    /// Provisional when any open deadline was counted over a provisional year (it moves when that year is published),
    /// official when all were counted over official data, null when no deadline is open.
    /// </summary>
    public CalendarBasis? CalendarBasisOf(WorkingDayCalendar calendar)
    {
        var deadlines = OpenDeadlines().ToList();
        if (deadlines.Count == 0) return null;
        return deadlines.Any(d => calendar.BasisOf(d.Start, d.Due) == CalendarBasis.Provisional)
            ? CalendarBasis.Provisional
            : CalendarBasis.Official;
    }

    /// <summary>Each running deadline with the day it is counted from (exclusive).</summary>
    private IEnumerable<(DateOnly Start, DateOnly Due)> OpenDeadlines()
    {
        if (Status is ApplicationStatus.InReview or ApplicationStatus.Suspended)
        {
            yield return (ClockStartOn!.Value, PromisedDueOn!.Value);
            yield return (ClockStartOn.Value, StatutoryDueOn!.Value);
        }
        if (Status == ApplicationStatus.Approved)
            yield return (WorkingDayCalendar.ChinaDateOf(DecidedAt!.Value), CertificateDueOn!.Value);
        if (Rectification is { IsClosed: false } rectification)
            yield return (rectification.OpenedOn, rectification.DueOn);
    }

    private DateOnly CertificateDueOnWith(WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(WorkingDayCalendar.ChinaDateOf(DecidedAt!.Value), CertificateLimitDays);

    /// <summary>Decided on or before the promised due date.</summary>
    public bool IsOnTime => DecidedAt is not null && ElapsedWorkingDays <= PromisedLimitDays + ExtensionWorkingDays;

    /// <summary>Working days used from the clock start to <paramref name="today"/>, pauses excluded (a running suspension too).</summary>
    public int ElapsedOn(DateOnly today, WorkingDayCalendar calendar)
    {
        if (ClockStartOn is not { } start || today <= start) return 0;
        var paused = PausedWorkingDays;
        if (SuspendedAt is { } suspended) paused += calendar.CountWorkingDays(WorkingDayCalendar.ChinaDateOf(suspended), today);
        return Math.Max(0, calendar.CountWorkingDays(start, today) - paused);
    }

    /// <summary>The promised limit with the extension, the one SLA warnings and "on time" are measured against.</summary>
    public int PromisedLimitWithExtension => PromisedLimitDays + ExtensionWorkingDays;

    private bool CorrectionWindowClosed(DateTimeOffset now, WorkingDayCalendar calendar) =>
        calendar.CountWorkingDays(ReceivedAt, now) > CorrectionWindowDays;

    private void StartClocks(Matter matter, DateTimeOffset acceptedAt, DateOnly startOn, bool deemed, WorkingDayCalendar calendar)
    {
        Status = ApplicationStatus.InReview;
        AcceptedAt = acceptedAt;
        DeemedAccepted = deemed;
        ClockStartOn = startOn;
        _steps.AddRange(matter.ReviewingDepartments.Select(d => new ReviewStep { DepartmentCode = d }));
        UpdateDueDates(calendar);
        Record(AcceptedEvent());
    }

    private void UpdateDueDates(WorkingDayCalendar calendar)
    {
        var start = ClockStartOn!.Value;
        PromisedDueOn = calendar.AddWorkingDays(start, PromisedLimitDays + ExtensionWorkingDays + PausedWorkingDays);
        StatutoryDueOn = calendar.AddWorkingDays(start, StatutoryLimitDays + ExtensionWorkingDays + PausedWorkingDays);
    }

    // ---- the integration events of the lifecycle --------------------------------------------------
    // Built from the stored state only, so the transitions above and the dashboards' replay (DashboardReplayer) build
    // the same event for the same application.

    public ApplicationSubmitted SubmittedEvent() => new(Id, MatterCode, DepartmentCode, ApplicantId, EnumNames.Of(Channel),
        DistrictCode, SubmittedAt, CaseId, SubmittedBy, CityTag, [.. MissingMaterials]);

    /// <summary>Once accepted (or deemed): when the clocks started and their due dates as stored (at acceptance, the first ones).</summary>
    public ApplicationAccepted AcceptedEvent() => new(Id, MatterCode, DepartmentCode, ApplicantId, DistrictCode, DeemedAccepted,
        AcceptedAt!.Value, PromisedDueOn!.Value, StatutoryDueOn!.Value);

    /// <summary>The reason and time are passed: the ledger's not-accepted line holds the time, the state only the reason.</summary>
    public ApplicationNotAccepted NotAcceptedEvent(DateTimeOffset at) => new(Id, MatterCode, DepartmentCode, ApplicantId, DistrictCode, StatusReason!, at, CaseId);

    public ApplicationDecided DecidedEvent() => new(Id, MatterCode, DepartmentCode, ApplicantId, EnumNames.Of(Channel), DistrictCode,
        Status == ApplicationStatus.Rejected ? ApplicationDecided.Rejected : ApplicationDecided.Approved,
        Steps.Where(s => s.Status == StepStatus.Rejected).Select(s => $"{s.DepartmentCode}: {s.Reason}").ToList(),
        DecidedAt!.Value, ElapsedWorkingDays!.Value, StatutoryLimitDays, IsOnTime, SupervisionRequired, Visits, CityTag, CaseId);

    public ApplicationEvaluated EvaluatedEvent() => new(Id, MatterCode, DepartmentCode, DistrictCode, Evaluation!.Rating,
        Rectification is not null, Evaluation.EvaluatedAt);

    /// <summary>
    /// The events the application's current state implies, in the order they were published: what the dashboards' replay
    /// sends for it. A correction notice, a certificate and a visit-limit warning are left out: no dashboard figure uses them.
    /// </summary>
    public IEnumerable<object> ImpliedEvents()
    {
        yield return SubmittedEvent();
        if (Status == ApplicationStatus.NotAccepted) yield return NotAcceptedEvent(Ledger.Last(l => l.Action == LedgerAction.NotAccepted).At);
        if (AcceptedAt is not null) yield return AcceptedEvent();
        if (DecidedAt is not null) yield return DecidedEvent();
        if (Evaluation is not null) yield return EvaluatedEvent();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /// <summary>One more trip to the service hall; beyond the matter's limit the supervisor is warned ("run at most once").</summary>
    private void CountVisit(DateTimeOffset now)
    {
        Visits++;
        if (Visits > MaxVisits)
            Record(new VisitLimitExceeded(Id, MatterCode, DepartmentCode, DistrictCode, Visits, MaxVisits, now));
    }

    private void EnsureStatus(string action, params ApplicationStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new ConflictException("Cannot {0} an application that is {1}.", new LocalText(action), Status);
    }

    private static void RequireReason(string? reason) =>
        new Validator().RequireText(reason, "reason", 500).ThrowIfInvalid();

    private void Record(Caller caller, DateTimeOffset now, LedgerAction action, string? reason, WorkingDayCalendar? calendar = null) =>
        Record(caller.Subject, caller.Role, now, action, reason, null, calendar);

    /// <param name="calendar">
    /// What the transition counted with, to record the basis of the deadlines open after it. A transition without one
    /// moves no date (a suspension) or closes the last deadline, so the basis stays the previous line's, or none.
    /// </param>
    private void Record(string actor, string role, DateTimeOffset now, LedgerAction action, string? reason, string? department,
        WorkingDayCalendar? calendar = null)
    {
        var basis = calendar is not null ? CalendarBasisOf(calendar)
            : OpenDeadlines().Any() ? _ledger.MaxBy(l => l.Sequence)?.CalendarBasis
            : null;
        _ledger.Add(new LedgerEntry
        {
            Sequence = _ledger.Count + 1, At = now, Actor = actor, ActorRole = role, Action = action, Reason = ShortenReason(reason), DepartmentCode = department,
            PromisedDueOn = PromisedDueOn, StatutoryDueOn = StatutoryDueOn, CalendarBasis = basis,
        });
        Revision++;
    }

    private static string DateText(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private static string? ShortenReason(string? reason) =>
        reason is null || reason.Length <= MaxStoredReasonLength ? reason : reason[..(MaxStoredReasonLength - 1)] + "…";

    /// <summary>Material names as stored: NFKC (营业执照（副本） and 营业执照(副本) are one material), trimmed, each once.</summary>
    private static List<string> Normalise(IEnumerable<string> materials) =>
        materials.Select(m => TextRules.Normalize(m).Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}

internal static class MaterialValidation
{
    public static Validator RequireMaterials(this Validator validator, IReadOnlyList<string> materials) => validator
        .Require(materials.Count <= Application.MaxMaterials, "materials", "at most {0} materials", Application.MaxMaterials)
        .Require(materials.All(m => !string.IsNullOrWhiteSpace(m) && TextRules.Length(m) <= 200), "materials", "each material needs a name of at most {0} characters", 200);

    /// <summary>Optional text of at most <paramref name="maxLength"/> characters as a person counts them.</summary>
    public static Validator RequireAtMost(this Validator validator, string? value, string field, int maxLength) =>
        validator.Require(TextRules.Length(value ?? "") <= maxLength, field, "must be at most {0} characters", maxLength);
}
