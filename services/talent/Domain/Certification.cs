using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Talent.Domain;

/// <summary>
/// Where a certification is in DOMAIN.md §3's workflow. Certified, Rejected and ObjectionUpheld are final. A tier
/// certified through approvals goes InApprovals → Certified | Rejected.
/// </summary>
public enum CertificationStatus
{
    Submitted = 1,
    EmployerReviewed = 2,
    ReturnedForMaterial = 3,
    FinalReview = 4,
    PublicNotice = 5,
    Certified = 6,
    Rejected = 7,
    ObjectionUpheld = 8,
    /// <summary>Waiting for the approvals service's decision on its application (tiers certified through approvals).</summary>
    InApprovals = 9,
}

/// <summary>A reviewer's decision on one step. Not every step allows every decision (only the preliminary review returns).</summary>
public enum ReviewDecision
{
    Approve = 1,
    Return = 2,
    Reject = 3,
}

/// <summary>What a caller hands in to apply for certification (already parsed, not yet validated).</summary>
public sealed record CertificationDraft(
    string? TierCode,
    string? ApplicantName,
    string? Employer,
    string? Sector,
    string? DistrictCode,
    IReadOnlyList<string> Evidence,
    string? EmployerId = null,
    TalentChannel? Channel = TalentChannel.InternalCultivation);

/// <summary>An objection lodged during the public notice, and the talent office's ruling on it.</summary>
public sealed class Objection
{
    public const int MaxReasonLength = 1000;

    public Guid Id { get; init; }
    public string LodgedBy { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset LodgedAt { get; init; }
    /// <summary>Null while pending; true when upheld (the certification fails), false when dismissed.</summary>
    public bool? Upheld { get; private set; }
    public string? RuledBy { get; private set; }
    public DateTimeOffset? RuledAt { get; private set; }

    /// <summary>Only through <see cref="Certification.RuleOnObjection"/>, which checks who rules and when.</summary>
    internal void Rule(bool uphold, string ruledBy, DateTimeOffset at)
    {
        Upheld = uphold;
        RuledBy = ruledBy;
        RuledAt = at;
    }
}

/// <summary>A published calendar year moved the end of a running public notice.</summary>
public sealed class NoticeChange
{
    public const int MaxReasonLength = 500;

    public int Sequence { get; init; }
    public DateTimeOffset At { get; init; }
    public DateOnly OldEndsOn { get; init; }
    public DateOnly NewEndsOn { get; init; }
    /// <summary>Why it moved (which notice was published), for the applicant and the talent office to read.</summary>
    public string Reason { get; init; } = "";
}

/// <summary>
/// A person's application to be certified at one tier of the talent catalogue, through the workflow
/// Submitted → EmployerReviewed → preliminary review (may return for material) → FinalReview → PublicNotice
/// (5 working days, objections) → Certified | Rejected | ObjectionUpheld. Each transition checks who may make it (403),
/// the input (400), then the state (409). Applying records <see cref="CertificationApplied"/>, certifying
/// <see cref="TalentCertified"/>.
/// For a tier <see cref="Tier.CertifiedThroughApprovals"/> (A-C, DOMAIN.md flow 3) applying also records
/// <see cref="ApplicationRequested"/>: approvals opens an application for <see cref="ApprovalsMatterCode"/>, whose review
/// steps and decision stand for the talent office's reviews, and the decision certifies or rejects (InApprovals →
/// Certified | Rejected).
/// </summary>
public sealed class Certification : Aggregate, IDecidedByApprovals
{
    public const int MaxEvidence = 20;
    public const int MaxEvidenceLength = 300;
    public const int MaxNoteLength = 500;
    /// <summary>The public notice lasts this many working days, counted from the day after final approval.</summary>
    public const int PublicNoticeWorkingDays = 5;
    /// <summary>A certificate is valid for this many years from the day it is issued.</summary>
    public const int ValidityYears = 3;
    /// <summary>The approvals matter that decides applications for tiers certified through approvals (seeded in approvals' catalogue).</summary>
    public const string ApprovalsMatterCode = "HR-002";

    public Guid Id { get; private set; }
    public string ApplicantId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public string TierCode { get; private set; } = "";
    public int CatalogueVersion { get; private set; }
    public string Employer { get; private set; } = "";
    /// <summary>The employer's account (a token subject) when the employer is registered; else the talent office reviews for it.</summary>
    public string? EmployerId { get; private set; }
    public string Sector { get; private set; } = "";
    /// <summary>Where the applicant works, when given.</summary>
    public string? DistrictCode { get; private set; }
    public TalentChannel Channel { get; private set; }
    /// <summary>The approvals application deciding it, for a tier certified through approvals; null on the talent office's own path.</summary>
    public Guid? ApplicationId { get; private set; }
    private readonly List<string> _evidence = [];
    public IReadOnlyList<string> Evidence => _evidence;
    public CertificationStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    /// <summary>The latest reviewer's note (why it was returned or rejected).</summary>
    public string? StatusReason { get; private set; }
    public DateOnly? NoticeStartsOn { get; private set; }
    /// <summary>The last day of the public notice (China Standard Time); certification is possible from the day after.</summary>
    public DateOnly? NoticeEndsOn { get; private set; }
    private readonly List<Objection> _objections = [];
    public IReadOnlyList<Objection> Objections => _objections;
    private readonly List<NoticeChange> _noticeChanges = [];
    /// <summary>Each time a published calendar year moved <see cref="NoticeEndsOn"/>, in order.</summary>
    public IReadOnlyList<NoticeChange> NoticeChanges => _noticeChanges;
    public string? CertificateNumber { get; private set; }
    public DateOnly? CertifiedOn { get; private set; }
    /// <summary>When it was certified; null on certifications made before it was kept (<see cref="CertifiedOn"/> tells the day).</summary>
    public DateTimeOffset? CertifiedAt { get; private set; }
    public DateOnly? ValidUntil { get; private set; }
    /// <summary>Bumped by every transition; the store refuses a concurrent change with it.</summary>
    public int Revision { get; private set; }

    private Certification() { }

    /// <summary>
    /// Checks that the caller may apply, then validates the draft (all bad fields at once) against the tier
    /// found in the current catalogue (null when there is none with the requested code).
    /// </summary>
    public static Certification Apply(Tier? tier, CertificationDraft draft, Caller caller, DateTimeOffset now)
    {
        // who may apply does not depend on the input, so a refused caller learns nothing about validation
        CertificationAccess.EnsureMayApply(caller);
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.TierCode), "tierCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.TierCode) || tier is not null, "tierCode", "no tier '{0}' in the current catalogue", draft.TierCode)
            .RequireText(draft.ApplicantName, "applicantName", 100)
            .RequireText(draft.Employer, "employer", 200)
            .Require((draft.EmployerId?.Length ?? 0) <= 64, "employerId", "must be at most {0} characters", 64)
            .Require(draft.EmployerId is null || draft.EmployerId != caller.Subject, "employerId", "an applicant cannot review their own application")
            .RequireText(draft.Sector, "sector", 100)
            .Require(string.IsNullOrWhiteSpace(draft.DistrictCode) || ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .RequireEvidence(draft.Evidence)
            // handed on as the approvals application's materials, which take shorter names: refused here, not stuck there
            .Require(tier is not { CertifiedThroughApprovals: true } || draft.Evidence.All(e => TextRules.Length(e.Trim()) <= EntitlementClaim.MaxMaterialLength),
                "evidence", "each item needs a reference of at most {0} characters", EntitlementClaim.MaxMaterialLength)
            .RequireChannel(draft.Channel)
            .ThrowIfInvalid();

        var certification = new Certification
        {
            Id = Guid.CreateVersion7(now),
            ApplicantId = caller.Subject,
            ApplicantName = TextRules.Normalize(draft.ApplicantName!).Trim(),
            TierCode = tier!.Code,
            CatalogueVersion = tier.CatalogueVersion,
            Employer = TextRules.Normalize(draft.Employer!).Trim(),
            EmployerId = string.IsNullOrWhiteSpace(draft.EmployerId) ? null : draft.EmployerId.Trim(),
            Sector = TextRules.Normalize(draft.Sector!).Trim(),
            DistrictCode = string.IsNullOrWhiteSpace(draft.DistrictCode) ? null : draft.DistrictCode,
            Channel = draft.Channel!.Value,
            Status = tier.CertifiedThroughApprovals ? CertificationStatus.InApprovals : CertificationStatus.Submitted,
            ApplicationId = tier.CertifiedThroughApprovals ? Guid.CreateVersion7(now) : null,
            SubmittedAt = now,
        };
        certification._evidence.AddRange(draft.Evidence.Select(e => e.Trim()));
        certification.Record(certification.AppliedEvent());
        if (certification.ApplicationId is { } applicationId)
        {
            certification.Record(new ApplicationRequested(applicationId, ApprovalsMatterCode, certification.ApplicantId,
                certification.ApplicantName, certification.DistrictCode, certification.Evidence.ToList(), EntitlementClaim.RequesterName,
                certification.SubmittedAt));
        }
        return certification;
    }

    /// <summary>The employer confirms (or denies) that the applicant works there as stated.</summary>
    public void ReviewAsEmployer(ReviewDecision? decision, string? note, Caller caller)
    {
        CertificationAccess.EnsureEmployerReviewer(caller, this);
        ValidateDecision(decision, note, allowReturn: false);
        EnsureStatus("review as employer", CertificationStatus.Submitted);
        Status = decision == ReviewDecision.Approve ? CertificationStatus.EmployerReviewed : CertificationStatus.Rejected;
        Decided(note);
        RecordIfRejected();
    }

    /// <summary>The talent office checks the evidence: on to final review, back to the applicant for more, or rejected.</summary>
    public void ReviewPreliminarily(ReviewDecision? decision, string? note, Caller caller)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        ValidateDecision(decision, note, allowReturn: true);
        EnsureStatus("make the preliminary review", CertificationStatus.EmployerReviewed);
        Status = decision switch
        {
            ReviewDecision.Approve => CertificationStatus.FinalReview,
            ReviewDecision.Return => CertificationStatus.ReturnedForMaterial,
            _ => CertificationStatus.Rejected,
        };
        Decided(note);
        RecordIfRejected();
    }

    /// <summary>The applicant hands in the material asked for; the application goes back to the preliminary review.</summary>
    public void AddMaterial(IReadOnlyList<string> evidence, Caller caller)
    {
        if (caller.Subject != ApplicantId || !caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException("Only the applicant hands in material for their application.");
        new Validator()
            .Require(evidence.Count > 0, "evidence", "name the material handed in")
            .RequireEvidence(evidence)
            .Require(Evidence.Count + evidence.Count <= MaxEvidence * 2, "evidence", "too much evidence on one application")
            .ThrowIfInvalid();
        EnsureStatus("add material", CertificationStatus.ReturnedForMaterial);
        _evidence.AddRange(evidence.Select(e => e.Trim()));
        Status = CertificationStatus.EmployerReviewed;
        Decided(null);
    }

    /// <summary>
    /// Final approval opens the public notice: <see cref="PublicNoticeWorkingDays"/> working days after the
    /// approval's China date, on the shared calendar (a holiday lengthens it).
    /// </summary>
    public void ReviewFinally(ReviewDecision? decision, string? note, Caller caller, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        ValidateDecision(decision, note, allowReturn: false);
        EnsureStatus("make the final review", CertificationStatus.FinalReview);
        if (decision == ReviewDecision.Approve)
        {
            var today = WorkingDayCalendar.ChinaDateOf(now);
            NoticeStartsOn = today;
            NoticeEndsOn = calendar.AddWorkingDays(today, PublicNoticeWorkingDays);
            Status = CertificationStatus.PublicNotice;
            Record(new CertificationNoticeStarted(Id, ApplicantId, TierCode, today, NoticeEndsOn.Value, now));
        }
        else
        {
            Status = CertificationStatus.Rejected;
        }
        Decided(note);
        RecordIfRejected();
    }

    /// <summary>Anyone signed in may object while the notice runs (up to and including its last day), except the applicant.</summary>
    public Objection LodgeObjection(string? reason, Caller caller, DateTimeOffset now)
    {
        if (caller.Subject == ApplicantId)
            throw new ForbiddenException("The applicant cannot object to their own certification.");
        new Validator().RequireText(reason, "reason", Objection.MaxReasonLength).ThrowIfInvalid();
        EnsureStatus("lodge an objection", CertificationStatus.PublicNotice);
        if (WorkingDayCalendar.ChinaDateOf(now) > NoticeEndsOn)
            throw new ConflictException("The public notice ended on {0}; objections are closed.", NoticeEndsOn);
        var objection = new Objection { Id = Guid.CreateVersion7(now), LodgedBy = caller.Subject, Reason = reason!.Trim(), LodgedAt = now };
        _objections.Add(objection);
        Revision++;
        Record(new CertificationObjected(Id, ApplicantId, objection.Id, NoticeEndsOn!.Value, now));
        return objection;
    }

    /// <summary>The talent office rules on an objection: upheld ends the certification; dismissed lets it go on.</summary>
    public void RuleOnObjection(Guid objectionId, bool uphold, string? note, Caller caller, DateTimeOffset now)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        new Validator().Require((note?.Length ?? 0) <= MaxNoteLength, "note", "must be at most {0} characters", MaxNoteLength).ThrowIfInvalid();
        var objection = Objections.FirstOrDefault(o => o.Id == objectionId)
            ?? throw new NotFoundException("Objection", objectionId.ToString());
        EnsureStatus("rule on an objection", CertificationStatus.PublicNotice);
        if (objection.Upheld is not null)
            throw new ConflictException("This objection has already been ruled on.");
        objection.Rule(uphold, caller.Subject, now);
        if (uphold) Status = CertificationStatus.ObjectionUpheld;
        Decided(note);
        RecordRuling(uphold ? CertificationDecided.ObjectionUpheld : CertificationDecided.ObjectionDismissed);
    }

    /// <summary>After the notice has run its course with no objection pending, the talent office certifies.</summary>
    public void Certify(Caller caller, DateTimeOffset now)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        EnsureStatus("certify", CertificationStatus.PublicNotice);
        var today = WorkingDayCalendar.ChinaDateOf(now);
        if (today <= NoticeEndsOn)
            throw new ConflictException("The public notice runs until {0}; certify from the day after.", NoticeEndsOn);
        if (Objections.Any(o => o.Upheld is null))
            throw new ConflictException("An objection is pending; rule on it first.");
        Issue(now);
    }

    /// <summary>
    /// Approvals approved the application (a tier certified through approvals): the decision is the certification, so the
    /// certificate is issued on the decision's China date. Returns false (and changes nothing) once past that point, so
    /// a redelivered decision certifies once.
    /// </summary>
    public bool Approve(DateTimeOffset decidedAt)
    {
        if (Status != CertificationStatus.InApprovals) return false;
        Issue(decidedAt);
        return true;
    }

    /// <summary>Approvals rejected (or did not accept) the application: the certification is rejected with its reason.</summary>
    public bool Reject(string reason)
    {
        if (Status != CertificationStatus.InApprovals) return false;
        Status = CertificationStatus.Rejected;
        var trimmed = reason.Trim();
        Decided(trimmed.Length <= MaxNoteLength ? trimmed : trimmed[..MaxNoteLength]);
        RecordRuling(CertificationDecided.Rejected);
        return true;
    }

    private void Issue(DateTimeOffset at)
    {
        var today = WorkingDayCalendar.ChinaDateOf(at);
        Status = CertificationStatus.Certified;
        CertifiedOn = today;
        CertifiedAt = at;
        ValidUntil = today.AddYears(ValidityYears);
        CertificateNumber = $"LGT-{TierCode}-{today:yyyyMMdd}-{Id.ToString("N")[^8..].ToUpperInvariant()}";
        Decided(null);
        RecordRuling(CertificationDecided.Certified);
        Record(CertifiedEvent());
    }

    // ---- the integration events of the certification ------------------------------------------------------
    // Built from the stored state only, so the transitions and the dashboards' replay (DashboardReplayer) build the same
    // event for the same certification.

    /// <summary>The events the certification's state implies, in the order they were published (the dashboards' replay).</summary>
    public IEnumerable<object> ImpliedEvents()
    {
        yield return AppliedEvent();
        if (CertifiedOn is not null) yield return CertifiedEvent();
    }

    public CertificationApplied AppliedEvent() => new(Id, TierCode, CatalogueVersion, DistrictCode, SubmittedAt);

    /// <summary>Channel is the TalentChannel's name without prefix (INTERNAL_CULTIVATION, ...); a certification made before
    /// <see cref="CertifiedAt"/> was kept is dated at the start of its China day.</summary>
    public TalentCertified CertifiedEvent() => new(Id, TierCode, CatalogueVersion, Sector, Employer, DistrictCode, CertificateNumber!,
        ValidUntil!.Value, CertifiedAt ?? new DateTimeOffset(CertifiedOn!.Value.ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset),
        EnumNames.Of(Channel));

    /// <summary>
    /// Recounts the end of a running public notice from its start with <paramref name="calendar"/> (after a calendar
    /// year was published) and records the change when the date moves. Returns whether it moved; a second run with
    /// the same calendar moves nothing. Objections and certification follow the new end, as they read it.
    /// </summary>
    public bool ReprojectNotice(WorkingDayCalendar calendar, DateTimeOffset now, string reason)
    {
        if (Status != CertificationStatus.PublicNotice) return false;
        var oldEnd = NoticeEndsOn!.Value;
        var newEnd = calendar.AddWorkingDays(NoticeStartsOn!.Value, PublicNoticeWorkingDays);
        if (newEnd == oldEnd) return false;
        NoticeEndsOn = newEnd;
        var trimmed = reason.Trim();
        _noticeChanges.Add(new NoticeChange
        {
            Sequence = _noticeChanges.Count + 1,
            At = now,
            OldEndsOn = oldEnd,
            NewEndsOn = newEnd,
            Reason = trimmed.Length <= NoticeChange.MaxReasonLength ? trimmed : trimmed[..NoticeChange.MaxReasonLength],
        });
        Revision++;
        return true;
    }

    /// <summary>
    /// Whether the running notice was counted over official years only, or may still move when a year is published;
    /// null when no notice runs.
    /// </summary>
    public CalendarBasis? NoticeBasis(WorkingDayCalendar calendar) =>
        Status == CertificationStatus.PublicNotice ? calendar.BasisOf(NoticeStartsOn!.Value, NoticeEndsOn!.Value) : null;

    /// <summary>Certified and not past its valid-until on <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => Status == CertificationStatus.Certified && day <= ValidUntil;

    private static void ValidateDecision(ReviewDecision? decision, string? note, bool allowReturn)
    {
        var valid = decision is { } d && Enum.IsDefined(d) && (allowReturn || d != ReviewDecision.Return);
        new Validator()
            .Require(valid || !allowReturn, "decision", "must be {0}, {1} or {2}", ReviewDecision.Approve, ReviewDecision.Return, ReviewDecision.Reject)
            .Require(valid || allowReturn, "decision", "must be {0} or {1}", ReviewDecision.Approve, ReviewDecision.Reject)
            .Require(decision is not (ReviewDecision.Return or ReviewDecision.Reject) || !string.IsNullOrWhiteSpace(note), "note", "give the reason for returning or rejecting")
            .Require((note?.Length ?? 0) <= MaxNoteLength, "note", "must be at most {0} characters", MaxNoteLength)
            .ThrowIfInvalid();
    }

    /// <param name="action">What could not be done, in English (translated like every text).</param>
    private void EnsureStatus(string action, CertificationStatus expected)
    {
        if (Status != expected)
            throw new ConflictException("Cannot {0}: the certification is {1}, not {2}.", new LocalText(action), Status, expected);
    }

    private void Decided(string? note)
    {
        StatusReason = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Revision++;
    }

    /// <summary>Tells the applicant of a ruling, with the note <see cref="Decided"/> kept.</summary>
    private void RecordRuling(string outcome) => Record(new CertificationDecided(Id, ApplicantId, TierCode, outcome, StatusReason));

    private void RecordIfRejected()
    {
        if (Status == CertificationStatus.Rejected) RecordRuling(CertificationDecided.Rejected);
    }
}

internal static class EvidenceValidation
{
    public static Validator RequireEvidence(this Validator validator, IReadOnlyList<string> evidence) => validator
        .Require(evidence.Count <= Certification.MaxEvidence, "evidence", "at most {0} items", Certification.MaxEvidence)
        .Require(evidence.All(e => !string.IsNullOrWhiteSpace(e) && TextRules.Length(e) <= Certification.MaxEvidenceLength), "evidence",
            "each item needs a reference of at most {0} characters", Certification.MaxEvidenceLength);
}
