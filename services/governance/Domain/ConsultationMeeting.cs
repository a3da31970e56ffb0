using Longgang.Platform;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

public enum ConsultationStatus
{
    Scheduled = 1,
    Concluded = 2,
}

/// <summary>What a caller hands in to schedule a consultation (already parsed, not yet validated).</summary>
public sealed record ConsultationDraft(string? DistrictCode, string? Title, DateOnly? HeldOn);

/// <summary>Open cases of one category in one grid, as a consultation reviews them.</summary>
public sealed record ReviewLine(string GridCode, string Category, int OpenCases);

/// <summary>
/// The monthly meeting of a district's grid consultation centre (网格社情会商中心): it reviews the district's open cases
/// (counted by grid and category) and its hotspots, and records its conclusions. One per district and month. While it
/// is scheduled the review is counted when read; recording the conclusions keeps the counts the meeting saw.
/// </summary>
public sealed class ConsultationMeeting
{
    public const int MaxTitleLength = 200;
    public const int MaxConclusions = 20;
    public const int MaxConclusionLength = 500;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    /// <summary>The month it reviews, YYYY-MM: unique per district.</summary>
    public string Month { get; private set; } = "";
    public ConsultationStatus Status { get; private set; }
    private List<string> _conclusions = [];
    public IReadOnlyList<string> Conclusions => _conclusions;
    private readonly List<ReviewLine> _reviewed = [];
    /// <summary>The open cases the meeting reviewed, kept when the conclusions are recorded.</summary>
    public IReadOnlyList<ReviewLine> Reviewed => _reviewed;
    public string ScheduledBy { get; private set; } = "";
    public DateTimeOffset ScheduledAt { get; private set; }
    public DateTimeOffset? ConcludedAt { get; private set; }
    public int Revision { get; private set; }

    private ConsultationMeeting() { }

    public static ConsultationMeeting Schedule(ConsultationDraft draft, Caller caller, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, draft.DistrictCode);
        new Validator()
            .Require(ReferenceData.IsDistrict(draft.DistrictCode), "districtCode", "no district '{0}'", draft.DistrictCode)
            .RequireText(draft.Title, "title", MaxTitleLength)
            .Require(draft.HeldOn is not null, "heldOn", "is required (yyyy-MM-dd)")
            .ThrowIfInvalid();
        var heldOn = draft.HeldOn!.Value;
        return new ConsultationMeeting
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = draft.DistrictCode!,
            Title = draft.Title!.Trim(),
            HeldOn = heldOn,
            Month = heldOn.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            Status = ConsultationStatus.Scheduled,
            ScheduledBy = caller.Subject,
            ScheduledAt = now,
        };
    }

    /// <summary>Once (409 after that); <paramref name="reviewed"/> is the review as it stands now.</summary>
    public void Conclude(Caller caller, IReadOnlyList<string> conclusions, IReadOnlyList<ReviewLine> reviewed, DateTimeOffset now)
    {
        ServiceComplexAccess.EnsureMayRegister(caller, DistrictCode);
        new Validator()
            .Require(conclusions.Count is > 0 and <= MaxConclusions, "conclusions", "needs 1 to {0} items", MaxConclusions)
            .Require(conclusions.All(c => !string.IsNullOrWhiteSpace(c) && c.Length <= MaxConclusionLength), "conclusions",
                "each item must be non-empty and at most {0} characters", MaxConclusionLength)
            .ThrowIfInvalid();
        if (Status != ConsultationStatus.Scheduled) throw new ConflictException("The consultation's conclusions are already recorded.");
        _conclusions = conclusions.Select(c => c.Trim()).ToList();
        _reviewed.AddRange(reviewed);
        Status = ConsultationStatus.Concluded;
        ConcludedAt = now;
        Revision++;
    }
}
