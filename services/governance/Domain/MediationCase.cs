using Longgang.Governance.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

public enum MediationStatus
{
    Open = 1,
    Agreed = 2,
    Failed = 3,
}

/// <summary>What a caller hands in to open a mediation (already parsed, not yet validated).</summary>
/// <param name="BookingId">The booking of the district's mediation room for the session; none for a mediation held elsewhere.</param>
public sealed record MediationDraft(string? DistrictCode, IReadOnlyList<string> Parties, string? Facts, string? MediatorId, Guid? BookingId = null);

/// <summary>
/// A dispute brought to a district's mediation room (矛盾调解): due within one month of opening, extended once only
/// when both parties agree; it ends agreed (with the terms) or failed, and an agreement is followed up once to record
/// whether it was honoured. Disputes are private: only the district admin, city admins and the mediator see them.
/// </summary>
public sealed class MediationCase : Aggregate
{
    public const int MaxParties = 10;
    public const int MaxPartyLength = 100;
    public const int MaxTextLength = 2000;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    private List<string> _parties = [];
    public IReadOnlyList<string> Parties => _parties;
    public string Facts { get; private set; } = "";
    public string MediatorId { get; private set; } = "";
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateOnly DueOn { get; private set; }
    public bool Extended { get; private set; }
    public MediationStatus Status { get; private set; }
    public string? AgreementTerms { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset? ConcludedAt { get; private set; }
    /// <summary>Null until the follow-up; then whether the parties kept the agreement.</summary>
    public bool? Honoured { get; private set; }
    public string? FollowUpNote { get; private set; }
    public DateTimeOffset? FollowedUpAt { get; private set; }
    public int Revision { get; private set; }
    /// <summary>The booking of the mediation room for its session (unique: a booking serves one mediation), or null.</summary>
    public Guid? BookingId { get; private set; }

    private MediationCase() { }

    /// <param name="booking">The booking <see cref="MediationDraft.BookingId"/> names, or null when there is none.</param>
    public static MediationCase Open(MediationDraft draft, Caller caller, DateTimeOffset now, RoomBooking? booking = null)
    {
        // an unknown district is checked by role only here, and validation reports it
        var knownDistrict = ReferenceData.IsDistrict(draft.DistrictCode);
        if (!caller.IsCityAdmin && !(caller.Is(PlatformRoles.DistrictAdmin) && (!knownDistrict || caller.WorksIn(draft.DistrictCode))))
            throw new ForbiddenException("Only the district admin or a city admin opens a mediation.");
        new Validator()
            .Require(ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .Require(draft.Parties.Count is >= 2 and <= MaxParties, "parties", "a dispute has 2 to {0} parties", MaxParties)
            .Require(draft.Parties.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= MaxPartyLength), "parties",
                "each party needs a name of at most {0} characters", MaxPartyLength)
            .RequireText(draft.Facts, "facts", MaxTextLength)
            .RequireText(draft.MediatorId, "mediatorId", 64)
            .Require(draft.BookingId is null || booking is not null, "bookingId", "no booking '{0}'", draft.BookingId)
            .ThrowIfInvalid();
        booking?.EnsureUsableFor(RoomKind.MediationRoom, draft.DistrictCode);
        return new MediationCase
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = draft.DistrictCode!,
            _parties = draft.Parties.Select(p => TextRules.Normalize(p).Trim()).ToList(),
            Facts = draft.Facts!.Trim(),
            MediatorId = draft.MediatorId!.Trim(),
            OpenedBy = caller.Subject,
            OpenedAt = now,
            DueOn = WorkingDayCalendar.ChinaDateOf(now).AddMonths(1),
            Status = MediationStatus.Open,
            BookingId = booking?.Id,
        };
    }

    public bool CanSee(Caller caller) =>
        caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && caller.WorksIn(DistrictCode)) || caller.Subject == MediatorId;

    public void EnsureMaySee(Caller caller)
    {
        if (!CanSee(caller)) throw new ForbiddenException("This mediation is outside your district.");
    }

    /// <summary>Once, and only with both parties' consent, by up to another month.</summary>
    public void Extend(Caller caller, bool bothPartiesAgree, DateOnly? newDueOn, DateTimeOffset now)
    {
        EnsureMaySee(caller);
        new Validator()
            .Require(bothPartiesAgree, "bothPartiesAgree", "a mediation is extended only when both parties agree")
            .Require(newDueOn is not null, "newDueOn", "is required (yyyy-MM-dd)")
            .Require(newDueOn is null || (newDueOn > DueOn && newDueOn <= DueOn.AddMonths(1)), "newDueOn",
                "must be after {0} and at most a month later", DueOn)
            .ThrowIfInvalid();
        EnsureOpen("extend");
        if (Extended) throw new ConflictException("The mediation has been extended once already.");
        DueOn = newDueOn!.Value;
        Extended = true;
        Revision++;
    }

    public void Conclude(Caller caller, bool agreed, string? terms, string? note, DateTimeOffset now)
    {
        EnsureMaySee(caller);
        var validator = new Validator()
            .Require(note is null || note.Length <= MaxTextLength, "note", "must be at most {0} characters", MaxTextLength);
        if (agreed) validator.RequireText(terms, "agreementTerms", MaxTextLength);
        else validator.Require(string.IsNullOrWhiteSpace(terms), "agreementTerms", "a failed mediation has no agreement");
        validator.ThrowIfInvalid();
        EnsureOpen("conclude");
        Status = agreed ? MediationStatus.Agreed : MediationStatus.Failed;
        AgreementTerms = agreed ? terms!.Trim() : null;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ConcludedAt = now;
        Revision++;
        Record(ConcludedEvent()!);
    }

    /// <summary>
    /// The conclusion of a concluded mediation (null while open), from the stored state: the conclusion and the dashboards'
    /// replay (DashboardReplayer) build the same event. On time when concluded by its (possibly extended) due day.
    /// </summary>
    public MediationConcluded? ConcludedEvent() => ConcludedAt is { } at
        ? new MediationConcluded(Id, DistrictCode, Status == MediationStatus.Agreed ? MediationConcluded.Agreed : MediationConcluded.Failed,
            WorkingDayCalendar.ChinaDateOf(at) <= DueOn, at)
        : null;

    public void RecordFollowUp(Caller caller, bool honoured, string? note, DateTimeOffset now)
    {
        EnsureMaySee(caller);
        new Validator().Require(note is null || note.Length <= MaxTextLength, "note", "must be at most {0} characters", MaxTextLength).ThrowIfInvalid();
        if (Status != MediationStatus.Agreed)
            throw new ConflictException("Only an agreed mediation is followed up; this one is {0}.", Status);
        if (Honoured is not null) throw new ConflictException("The follow-up has been recorded already.");
        Honoured = honoured;
        FollowUpNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        FollowedUpAt = now;
        Revision++;
    }

    private void EnsureOpen(string action)
    {
        if (Status != MediationStatus.Open)
            throw new ConflictException("Cannot {0} a mediation that is {1}.", new LocalText(action), Status);
    }
}
