using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Talent.Domain;

/// <summary>
/// Applied → Validated → Approved (by the approvals service) → Paid | Rejected | Expired. Validation happens as the
/// claim is made, so a stored claim starts Validated, with its amount committed against the programme's budget.
/// </summary>
public enum ClaimStatus
{
    Validated = 1,
    Approved = 2,
    Paid = 3,
    Rejected = 4,
    Expired = 5,
}

public sealed record ClaimDraft(string? ProgrammeCode, string? CertificationId, bool ResidesInCity, IReadOnlyList<string> Materials);

/// <summary>
/// A certified person's claim on a programme, approved through an application in the approvals service: submitting
/// records <see cref="ApplicationRequested"/> (approvals opens the application), approving, paying and expiring record
/// <see cref="EntitlementApproved"/>, <see cref="EntitlementPaid"/> and <see cref="EntitlementExpired"/>.
/// </summary>
public sealed class EntitlementClaim : Aggregate, IDecidedByApprovals
{
    public const int MaxMaterials = 20;
    public const int MaxMaterialLength = 200;
    public const int MaxReferenceLength = 100;
    /// <summary>The service name approvals records as the requester of talent's applications (claims and certifications).</summary>
    public const string RequesterName = "talent";

    public Guid Id { get; private set; }
    /// <summary>The approvals application this claim asked for; approvals' decision events carry it back.</summary>
    public Guid ApplicationId { get; private set; }
    public string ProgrammeCode { get; private set; } = "";
    /// <summary>The programme's year: one person is paid at most once per programme and period.</summary>
    public int Period { get; private set; }
    public string ApplicantId { get; private set; } = "";
    public string ApplicantName { get; private set; } = "";
    public Guid CertificationId { get; private set; }
    public string TierCode { get; private set; } = "";
    public string? DistrictCode { get; private set; }
    public long Amount { get; private set; }
    private readonly List<string> _materials = [];
    public IReadOnlyList<string> Materials => _materials;
    public ClaimStatus Status { get; private set; }
    public string? StatusReason { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public int ValidityDays { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    /// <summary>The last day (China Standard Time) an approved claim may be paid.</summary>
    public DateOnly? ValidUntil { get; private set; }
    public DateOnly? PaidOn { get; private set; }
    /// <summary>When the claim expired unpaid; null on claims that expired before it was kept (their valid-until tells the day).</summary>
    public DateTimeOffset? ExpiredAt { get; private set; }
    public string? PaymentReference { get; private set; }
    /// <summary>When the claimant was warned that the approved claim is about to expire unpaid; null until then.</summary>
    public DateTimeOffset? ExpiryWarnedAt { get; private set; }
    /// <summary>
    /// "programme:period:applicant" while the claim is live (validated, approved or paid), null once rejected or expired.
    /// A unique index on it is what stops a second live claim, and so a second payment, even under concurrency.
    /// </summary>
    public string? OpenKey { get; private set; }
    public int Revision { get; private set; }

    private EntitlementClaim() { }

    public static string OpenKeyFor(string programmeCode, int period, string applicantId) => $"{programmeCode}:{period}:{applicantId}";

    /// <summary>
    /// Validates a claim: the programme exists and runs this year, the certification is the caller's, certified and
    /// valid today, its tier is eligible, and the residence and employer rules are met. The caller commits the budget.
    /// </summary>
    public static EntitlementClaim Submit(Programme? programme, Certification? certification, ClaimDraft draft, Caller caller, DateTimeOffset now)
    {
        if (!caller.Is(PlatformRoles.Citizen))
            throw new ForbiddenException("The role '{0}' may not claim an entitlement; certified talent claim for themselves.", caller.Role);
        // someone else's certification exists: refused as any foreign record is, not described
        if (certification is not null && certification.ApplicantId != caller.Subject)
            throw new ForbiddenException("This certification belongs to another person.");
        var today = WorkingDayCalendar.ChinaDateOf(now);
        var amount = programme is not null && certification is not null ? programme.AmountFor(certification.TierCode) : null;
        var known = certification is not null;
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.ProgrammeCode), "programmeCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.ProgrammeCode) || programme is not null, "programmeCode", "no programme '{0}'", draft.ProgrammeCode)
            .Require(Guid.TryParse(draft.CertificationId, out _), "certificationId", "must be a certification id (a UUID)")
            .Require(!Guid.TryParse(draft.CertificationId, out _) || certification is not null, "certificationId", "no certification with this id")
            .Require(!known || certification!.IsValidOn(today), "certificationId", "is not certified, or no longer valid")
            .Require(programme is null || !known || amount is not null, "certificationId",
                "tier {0} is not eligible for programme {1}", certification?.TierCode, programme?.Code)
            .Require(programme is null || !programme.RequiresEmployerInCity || !known || certification!.DistrictCode is not null,
                "certificationId", "the programme requires an employer in the city; the certification names no district of Longgang")
            .Require(programme is null || !programme.RequiresResidence || draft.ResidesInCity, "residesInCity", "the programme requires residence in the city")
            .Require(draft.Materials.Count <= MaxMaterials, "materials", "at most {0} items", MaxMaterials)
            .Require(draft.Materials.All(m => !string.IsNullOrWhiteSpace(m) && TextRules.Length(m) <= MaxMaterialLength), "materials",
                "each item needs a name of at most {0} characters", MaxMaterialLength)
            .ThrowIfInvalid();
        if (programme!.Year != today.Year)
            throw new ConflictException("Programme {0} is for {1}; claims are taken in that year only.", programme.Code, programme.Year);

        var claim = new EntitlementClaim
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = Guid.CreateVersion7(now),
            ProgrammeCode = programme.Code,
            Period = programme.Year,
            ApplicantId = caller.Subject,
            ApplicantName = certification!.ApplicantName,
            CertificationId = certification.Id,
            TierCode = certification.TierCode,
            DistrictCode = certification.DistrictCode,
            Amount = amount!.Value,
            Status = ClaimStatus.Validated,
            SubmittedAt = now,
            ValidityDays = programme.ClaimValidityDays,
            OpenKey = OpenKeyFor(programme.Code, programme.Year, caller.Subject),
        };
        claim._materials.AddRange(draft.Materials.Select(m => m.Trim()));
        claim.Record(new ApplicationRequested(claim.ApplicationId, programme.MatterCode, claim.ApplicantId, claim.ApplicantName,
            claim.DistrictCode, claim.Materials.ToList(), RequesterName, claim.SubmittedAt));
        return claim;
    }

    /// <summary>Approvals approved the application. Returns false (and changes nothing) if the claim is past that point.</summary>
    public bool Approve(DateTimeOffset decidedAt)
    {
        if (Status != ClaimStatus.Validated) return false;
        Status = ClaimStatus.Approved;
        ApprovedAt = decidedAt;
        ValidUntil = WorkingDayCalendar.ChinaDateOf(decidedAt).AddDays(ValidityDays);
        Revision++;
        Record(ApprovedEvent());
        return true;
    }

    /// <summary>Approvals rejected (or did not accept) the application: the claim ends and its amount goes back to the budget.</summary>
    public bool Reject(string reason)
    {
        if (Status != ClaimStatus.Validated) return false;
        Status = ClaimStatus.Rejected;
        StatusReason = reason.Length > 500 ? reason[..500] : reason;
        OpenKey = null;
        Revision++;
        return true;
    }

    /// <summary>The talent office records the payment of an approved entitlement, before it expires.</summary>
    public void RecordPayment(DateOnly? paidOn, string? reference, Caller caller, DateTimeOffset now)
    {
        CertificationAccess.EnsureTalentOffice(caller);
        var today = WorkingDayCalendar.ChinaDateOf(now);
        new Validator()
            .Require(paidOn is not null, "paidOn", "is required (yyyy-MM-dd)")
            .Require(paidOn is null || paidOn <= today, "paidOn", "cannot be in the future")
            .RequireText(reference, "reference", MaxReferenceLength)
            .ThrowIfInvalid();
        if (Status != ClaimStatus.Approved)
            throw new ConflictException("Cannot record a payment: the claim is {0}, not {1}.", Status, ClaimStatus.Approved);
        if (paidOn > ValidUntil)
            throw new ConflictException("The entitlement was valid until {0}; it can no longer be paid.", ValidUntil);
        if (paidOn < WorkingDayCalendar.ChinaDateOf(ApprovedAt!.Value))
            throw new ValidationFailedException("paidOn", "cannot be before the approval");
        Status = ClaimStatus.Paid;
        PaidOn = paidOn;
        PaymentReference = reference!.Trim();
        Revision++;
        Record(PaidEvent());
    }

    /// <summary>
    /// Warns the claimant, once, that an approved claim is still unpaid within <paramref name="noticeDays"/> days of its
    /// valid-until (<see cref="EntitlementExpiring"/>). Returns false (and changes nothing) when it is not due for one
    /// or was warned already.
    /// </summary>
    public bool WarnOfExpiry(DateTimeOffset now, int noticeDays)
    {
        var today = WorkingDayCalendar.ChinaDateOf(now);
        if (Status != ClaimStatus.Approved || ExpiryWarnedAt is not null || today > ValidUntil || today.AddDays(noticeDays) < ValidUntil)
            return false;
        ExpiryWarnedAt = now;
        Revision++;
        Record(new EntitlementExpiring(Id, ProgrammeCode, Period, ApplicantId, Amount, ValidUntil!.Value, now, DistrictCode));
        return true;
    }

    /// <summary>Whether an approved claim is unpaid past its valid-until on <paramref name="today"/>.</summary>
    public bool IsOverdue(DateOnly today) => Status == ClaimStatus.Approved && today > ValidUntil;

    /// <summary>An approved entitlement left unpaid past its valid-until expires; its amount goes back to the budget.</summary>
    public bool Expire(DateTimeOffset now)
    {
        if (!IsOverdue(WorkingDayCalendar.ChinaDateOf(now))) return false;
        Status = ClaimStatus.Expired;
        StatusReason = $"Not paid by {ValidUntil:yyyy-MM-dd}.";
        OpenKey = null;
        ExpiredAt = now;
        Revision++;
        Record(ExpiredEvent());
        return true;
    }

    // ---- the integration events of the claim ----------------------------------------------------------------
    // Built from the stored state only, so the transitions and the dashboards' replay (DashboardReplayer) build the same
    // event for the same claim. The district is the certification's (the employer's), copied onto the claim at submission.

    /// <summary>The events the claim's state implies, in the order they were published (the dashboards' replay).</summary>
    public IEnumerable<object> ImpliedEvents()
    {
        if (ApprovedAt is null) yield break;
        yield return ApprovedEvent();
        if (Status == ClaimStatus.Paid) yield return PaidEvent();
        if (Status == ClaimStatus.Expired) yield return ExpiredEvent();
    }

    public EntitlementApproved ApprovedEvent() =>
        new(Id, ApplicationId, ProgrammeCode, Period, ApplicantId, Amount, ValidUntil!.Value, ApprovedAt!.Value, DistrictCode);

    public EntitlementPaid PaidEvent() => new(Id, ProgrammeCode, Period, ApplicantId, Amount, PaidOn!.Value, PaymentReference!, DistrictCode);

    /// <summary>A claim that expired before <see cref="ExpiredAt"/> was kept is dated at the start of the day after its valid-until.</summary>
    public EntitlementExpired ExpiredEvent() => new(Id, ProgrammeCode, Period, ApplicantId, Amount, ValidUntil!.Value,
        ExpiredAt ?? new DateTimeOffset(ValidUntil.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingDayCalendar.ChinaStandardTimeOffset),
        DistrictCode);
}
