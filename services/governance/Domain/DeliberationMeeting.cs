using Longgang.Governance.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

public enum MeetingStatus
{
    Scheduled = 1,
    Held = 2,
}

/// <summary>What a caller hands in to schedule a meeting (already parsed, not yet validated).</summary>
/// <param name="BookingId">The booking of the district's deliberation hall the meeting uses; none for a meeting held elsewhere.</param>
public sealed record MeetingDraft(string? DistrictCode, string? Title, DateOnly? HeldOn, IReadOnlyList<string> Agenda, Guid? BookingId = null);

/// <summary>A resolution as handed in; the proposal fields are needed only when it is marked as a livelihood proposal.</summary>
public sealed record ResolutionDraft(
    string? Text,
    bool LivelihoodProposal,
    string? ProposalTitle,
    string? Category,
    string? Rationale,
    long? EstimatedCostYuan,
    int Year);

/// <summary>
/// A deliberation meeting (协商议事) in a district's deliberation hall: scheduled with its agenda, then recorded once
/// with attendees, minutes and resolutions. A resolution marked as a livelihood proposal is published for the
/// livelihood service, which turns it into a proposal of the year's cycle.
/// </summary>
public sealed class DeliberationMeeting : Aggregate
{
    public const int MaxTitleLength = 200;
    public const int MaxItems = 20;
    public const int MaxItemLength = 500;
    public const int MaxMinutesLength = 10000;
    public const int MaxAttendees = 200;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    private List<string> _agenda = [];
    public IReadOnlyList<string> Agenda => _agenda;
    public MeetingStatus Status { get; private set; }
    private List<string> _attendees = [];
    public IReadOnlyList<string> Attendees => _attendees;
    public string? Minutes { get; private set; }
    private readonly List<Resolution> _resolutions = [];
    public IReadOnlyList<Resolution> Resolutions => _resolutions;
    public string ScheduledBy { get; private set; } = "";
    public DateTimeOffset ScheduledAt { get; private set; }
    public DateTimeOffset? RecordedAt { get; private set; }
    public int Revision { get; private set; }
    /// <summary>The booking of the deliberation hall it uses (unique: a booking serves one meeting), or null.</summary>
    public Guid? BookingId { get; private set; }

    private DeliberationMeeting() { }

    /// <param name="booking">The booking <see cref="MeetingDraft.BookingId"/> names, or null when there is none.</param>
    public static DeliberationMeeting Schedule(MeetingDraft draft, Caller caller, DateTimeOffset now, RoomBooking? booking = null)
    {
        EnsureMayRun(caller, draft.DistrictCode);
        new Validator()
            .Require(ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .RequireText(draft.Title, "title", MaxTitleLength)
            .Require(draft.HeldOn is not null, "heldOn", "is required (yyyy-MM-dd)")
            .Require(draft.Agenda.Count is > 0 and <= MaxItems, "agenda", "needs 1 to {0} items", MaxItems)
            .Require(draft.Agenda.All(a => !string.IsNullOrWhiteSpace(a) && a.Length <= MaxItemLength), "agenda",
                "each item must be non-empty and at most {0} characters", MaxItemLength)
            .Require(draft.BookingId is null || booking is not null, "bookingId", "no booking '{0}'", draft.BookingId)
            .Require(booking is null || draft.HeldOn is null || WorkingDayCalendar.ChinaDateOf(booking.StartsAt) == draft.HeldOn, "bookingId",
                "must book the hall on the meeting day {0}", draft.HeldOn)
            .ThrowIfInvalid();
        booking?.EnsureUsableFor(RoomKind.DeliberationHall, draft.DistrictCode);
        return new DeliberationMeeting
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = draft.DistrictCode!,
            Title = draft.Title!.Trim(),
            HeldOn = draft.HeldOn!.Value,
            _agenda = draft.Agenda.Select(a => a.Trim()).ToList(),
            Status = MeetingStatus.Scheduled,
            ScheduledBy = caller.Subject,
            ScheduledAt = now,
            BookingId = booking?.Id,
        };
    }

    /// <summary>
    /// Records what the meeting decided, once (409 after that). <paramref name="livelihoodCategories"/> are the
    /// livelihood service's category names (TRANSPORT, EDUCATION, ...), which a proposal must use.
    /// </summary>
    public void RecordOutcome(Caller caller, IReadOnlyList<string> attendees, string? minutes, IReadOnlyList<ResolutionDraft> resolutions,
        IReadOnlySet<string> livelihoodCategories, DateTimeOffset now)
    {
        EnsureMayRun(caller, DistrictCode);
        var proposals = resolutions.Where(r => r.LivelihoodProposal).ToList();
        new Validator()
            .Require(attendees.Count is > 0 and <= MaxAttendees, "attendees", "needs 1 to {0} names", MaxAttendees)
            .Require(attendees.All(a => !string.IsNullOrWhiteSpace(a) && a.Length <= 100), "attendees", "each name must be non-empty and at most 100 characters")
            .RequireText(minutes, "minutes", MaxMinutesLength)
            .Require(resolutions.Count <= MaxItems, "resolutions", "at most {0} items", MaxItems)
            .Require(resolutions.All(r => !string.IsNullOrWhiteSpace(r.Text) && r.Text.Length <= MaxItemLength), "resolutions",
                "each resolution needs a text of at most {0} characters", MaxItemLength)
            .Require(proposals.All(r => !string.IsNullOrWhiteSpace(r.ProposalTitle) && r.ProposalTitle.Length <= MaxTitleLength), "resolutions",
                "a livelihood proposal needs a proposalTitle of at most {0} characters", MaxTitleLength)
            .Require(proposals.All(r => r.Category is not null && livelihoodCategories.Contains(r.Category)), "resolutions",
                "a livelihood proposal needs a category, one of {0}", string.Join(", ", livelihoodCategories.Order()))
            .Require(proposals.All(r => !string.IsNullOrWhiteSpace(r.Rationale) && r.Rationale.Length <= MaxItemLength), "resolutions",
                "a livelihood proposal needs a rationale of at most {0} characters", MaxItemLength)
            .Require(proposals.All(r => r.EstimatedCostYuan is null or > 0), "resolutions", "an estimated cost must be positive")
            .Require(proposals.All(r => r.Year == HeldOn.Year || r.Year == HeldOn.Year + 1), "resolutions",
                "a livelihood proposal is for {0} or {1}", HeldOn.Year, HeldOn.Year + 1)
            .ThrowIfInvalid();
        if (Status != MeetingStatus.Scheduled)
            throw new ConflictException("The meeting's outcome is already recorded.");

        _attendees = attendees.Select(a => a.Trim()).ToList();
        Minutes = minutes!.Trim();
        _resolutions.AddRange(resolutions.Select((r, i) => new Resolution
        {
            Id = Guid.CreateVersion7(now),
            Sequence = i + 1,
            Text = r.Text!.Trim(),
            LivelihoodProposal = r.LivelihoodProposal,
            ProposalTitle = r.LivelihoodProposal ? r.ProposalTitle!.Trim() : null,
            Category = r.LivelihoodProposal ? r.Category : null,
            Rationale = r.LivelihoodProposal ? r.Rationale!.Trim() : null,
            EstimatedCostYuan = r.LivelihoodProposal ? r.EstimatedCostYuan : null,
            Year = r.LivelihoodProposal ? r.Year : null,
        }));
        Status = MeetingStatus.Held;
        RecordedAt = now;
        Revision++;
        foreach (var r in Resolutions.Where(r => r.LivelihoodProposal))
        {
            Record(new LivelihoodProposalResolved(r.Id, Id, DistrictCode, r.Year!.Value, r.ProposalTitle!, r.Category!,
                r.Rationale!, r.EstimatedCostYuan, now));
        }
    }

    /// <summary>Meetings are public, like the directory: district staff are confined to their own district.</summary>
    public static void EnsureMayRead(Caller caller, string districtCode) => GovernanceAccess.EnsureMayReadDistrict(caller, districtCode);

    /// <summary>
    /// The district admin, or a city admin. A code that names no district is checked by role only, so that validation
    /// reports it.
    /// </summary>
    public static void EnsureMayRun(Caller caller, string? districtCode)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && (!ReferenceData.IsDistrict(districtCode) || caller.WorksIn(districtCode))))
            return;
        throw new ForbiddenException("Only the district admin or a city admin runs a district's deliberation meetings.");
    }
}

public sealed class Resolution
{
    public Guid Id { get; init; }
    public int Sequence { get; init; }
    public string Text { get; init; } = "";
    public bool LivelihoodProposal { get; init; }
    public string? ProposalTitle { get; init; }
    /// <summary>The livelihood category's name without its prefix (TRANSPORT, EDUCATION, ...).</summary>
    public string? Category { get; init; }
    public string? Rationale { get; init; }
    public long? EstimatedCostYuan { get; init; }
    public int? Year { get; init; }
}
