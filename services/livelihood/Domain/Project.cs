using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Livelihood.Domain;

public enum ProjectCategory
{
    UrbanConstruction = 1,
    Transport = 2,
    Education = 3,
    Health = 4,
    ConsumerProtection = 5,
    ElderlyCare = 6,
    Environment = 7,
}

/// <summary>Which solicitation channel a proposal came through.</summary>
public enum ProposerKind
{
    Citizen = 1,
    Deputy = 2,     // a people's-congress deputy
    Department = 3, // a clerk for their department
    Deliberation = 4, // a district deliberation meeting's resolution, from governance
    Hotspot = 5, // a case hotspot in a grid, from governance
}

/// <summary>
/// <c>Proposed → ScreenedOut | Merged | Candidate → Adopted | NotAdopted</c>; <c>Adopted → InProgress → Completed | CarriedOver → Evaluated</c>;
/// a carried-over project continues in the next year (<c>CarriedOver → Completed</c>) and closes with that year's cycle.
/// </summary>
public enum ProjectStatus
{
    Proposed = 1,
    ScreenedOut = 2,
    /// <summary>A duplicate, folded into another proposal (<see cref="Project.MergedIntoId"/>).</summary>
    Merged = 3,
    Candidate = 4,
    Adopted = 5,
    NotAdopted = 6,
    InProgress = 7,
    Completed = 8,
    /// <summary>Not stored: an in-progress project with a milestone past its due date is shown as delayed.</summary>
    Delayed = 9,
    CarriedOver = 10,
    /// <summary>The deputies' evaluation was published (the cycle is closed).</summary>
    Evaluated = 11,
}

/// <summary>What a caller hands in to propose a project (already parsed, not yet validated).</summary>
public sealed record ProjectDraft(
    int Year,
    string? Title,
    ProjectCategory? Category,
    IReadOnlyList<string> DistrictCodes,
    long EstimatedCostYuan,
    string? Rationale,
    string? CityTag = null);

/// <summary>
/// A proposed people's-livelihood project (民生实事) for one year's cycle. Its transitions record the events they cause
/// (<see cref="ProjectProposed"/>, <see cref="ProposalScreened"/>, <see cref="ProposalVoted"/>, <see cref="ProjectAdopted"/>,
/// <see cref="MilestoneCompleted"/>, <see cref="ProjectDelayRiskRaised"/>).
/// </summary>
public sealed class Project : Aggregate
{
    public const int MinYear = 2020;
    public const int MaxYear = 2100;
    /// <summary>10 bn yuan: above the city's whole yearly budget, so a larger figure is a typing error.</summary>
    public const long MaxEstimatedCostYuan = 10_000_000_000;

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public ProjectCategory Category { get; private set; }
    private List<string> _districtCodes = [];
    public IReadOnlyList<string> DistrictCodes => _districtCodes;
    public long EstimatedCostYuan { get; private set; }
    public string Rationale { get; private set; } = "";
    public ProposerKind ProposerKind { get; private set; }
    public string ProposerId { get; private set; } = "";
    public ProjectStatus Status { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }
    /// <summary>The 一区五城 tag (<see cref="CityTags"/>): the proposer's choice, or the category's (<see cref="CityTagOf"/>).</summary>
    public string? CityTag { get; private set; }

    /// <summary>The deliberation resolution this proposal came from: unique, so a resolution becomes one proposal.</summary>
    public Guid? SourceResolutionId { get; private set; }
    /// <summary>The governance case hotspot this proposal came from: unique, so a hotspot becomes one proposal.</summary>
    public Guid? SourceHotspotId { get; private set; }
    /// <summary>Arrived from governance after solicitation had closed: kept on record, screened only if screening is still open.</summary>
    public bool Late { get; private set; }
    public string? ScreeningReason { get; private set; }
    public Guid? MergedIntoId { get; private set; }
    /// <summary>The department that carries the project out; its clerks manage the milestones.</summary>
    public string? OwningDepartmentCode { get; private set; }
    public DateOnly? CompletionDate { get; private set; }
    /// <summary>The number printed on the ballot paper; given when the candidate list is published.</summary>
    public int? CandidateNumber { get; private set; }
    public VoteResult? Vote { get; private set; }
    private readonly List<Milestone> _milestones = [];
    public IReadOnlyList<Milestone> Milestones => _milestones;
    public DateTimeOffset? CompletedAt { get; private set; }
    /// <summary>What the project must reach next year, when it is carried over unfinished.</summary>
    public string? StageTarget { get; private set; }
    public int? CarriedOverToYear { get; private set; }
    /// <summary>What had been spent when the project was carried over: the rest of its cost is the next year's spending.</summary>
    public long SpentAtCarryOverYuan { get; private set; }
    /// <summary>The progress it had reached when it was carried over (its history on the next year's board).</summary>
    public int ProgressAtCarryOverPercent { get; private set; }
    /// <summary>Bumped by every change: two concurrent changes (a department and a certificate event) cannot both win.</summary>
    public int Revision { get; private set; }

    private static readonly LocalText Screening = new("Screening");

    private Project() { }

    /// <summary>Adopted and after: the projects that are implemented, on the public board and evaluated.</summary>
    public bool IsAdopted => Status is ProjectStatus.Adopted or ProjectStatus.InProgress or ProjectStatus.Completed
        or ProjectStatus.CarriedOver or ProjectStatus.Evaluated;

    public static bool IsYearInRange(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>The year whose cycle the project is implemented in now: the next one once it is carried over.</summary>
    public int ImplementationYear => CarriedOverToYear ?? Year;

    /// <summary>The part of the cost that falls on the year it was carried into: what was not spent by the carry-over.</summary>
    public long CarriedOverCostYuan => CarriedOverToYear is null ? 0 : EstimatedCostYuan - SpentAtCarryOverYuan;

    /// <summary>Checks that the caller may propose, then validates the draft, reporting all bad fields at once.</summary>
    /// <param name="cycle">The year's cycle; none yet means the year is still open for proposals.</param>
    public static Project Propose(ProjectDraft draft, Caller caller, Cycle? cycle, DateTimeOffset now)
    {
        // who may propose does not depend on the input, so a refused caller learns nothing about validation
        var proposerKind = ProposerKindOf(caller);
        var districts = draft.DistrictCodes;
        new Validator()
            .Require(IsYearInRange(draft.Year), "year", "must be between {0} and {1}", MinYear, MaxYear)
            .RequireText(draft.Title, "title", 200)
            .Require(draft.Category is not null, "category", "is required (one of the project categories)")
            .Require(districts.Count is >= 1 and <= ReferenceData.DistrictCount, "districtCodes", "between 1 and {0} districts", ReferenceData.DistrictCount)
            .Require(districts.All(ReferenceData.IsDistrict), "districtCodes", "each must be a known district code")
            .Require(districts.Distinct().Count() == districts.Count, "districtCodes", "must not repeat a district")
            .Require(draft.EstimatedCostYuan is > 0 and <= MaxEstimatedCostYuan, "estimatedCostYuan", "must be above 0 and at most {0} yuan", MaxEstimatedCostYuan)
            .RequireText(draft.Rationale, "rationale", 4000)
            .Require(string.IsNullOrWhiteSpace(draft.CityTag) || CityTags.IsKnown(draft.CityTag), "cityTag", "no city tag '{0}'", draft.CityTag)
            .ThrowIfInvalid();
        cycle?.EnsurePhase(CyclePhase.Solicitation, new LocalText("Proposing a project"));

        var project = new Project
        {
            Id = Guid.CreateVersion7(now),
            Year = draft.Year,
            // typed by people: stored NFKC-normalised, so searches match full-width and half-width forms alike
            Title = TextRules.Normalize(draft.Title!).Trim(),
            Category = draft.Category!.Value,
            _districtCodes = [.. districts],
            EstimatedCostYuan = draft.EstimatedCostYuan,
            Rationale = TextRules.Normalize(draft.Rationale!).Trim(),
            ProposerKind = proposerKind,
            ProposerId = caller.Subject,
            Status = ProjectStatus.Proposed,
            ProposedAt = now,
            CityTag = string.IsNullOrWhiteSpace(draft.CityTag) ? CityTagOf(draft.Category!.Value) : draft.CityTag,
        };
        project.RecordProposed();
        return project;
    }

    /// <summary>
    /// The public, deputies and departments are the solicitation channels; grid workers and admins feed in through
    /// governance (deliberation, case hotspots), not by proposing directly.
    /// </summary>
    public static ProposerKind ProposerKindOf(Caller caller) => caller.Role switch
    {
        PlatformRoles.Citizen => ProposerKind.Citizen,
        PlatformRoles.Deputy => ProposerKind.Deputy,
        PlatformRoles.Clerk => ProposerKind.Department,
        _ => throw new ForbiddenException("The role '{0}' may not propose livelihood projects.", caller.Role),
    };

    /// <summary>
    /// A deliberation resolution from governance. It is never refused for arriving late: outside solicitation it is
    /// kept as a late proposal (the office may still screen it while screening is open, and sees it in the listing).
    /// A figure governance should never send (unknown category or district, a year out of range) throws, so the
    /// message goes to the error queue rather than being lost.
    /// </summary>
    public static Project FromResolution(Guid resolutionId, Guid meetingId, string districtCode, int year, string title, string category,
        string rationale, long? estimatedCostYuan, DateTimeOffset resolvedAt, Cycle? cycle, DateTimeOffset now)
    {
        if (!IsYearInRange(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "The resolution's year is out of range.");
        if (!ReferenceData.IsDistrict(districtCode)) throw new ArgumentException($"Unknown district '{districtCode}'.", nameof(districtCode));
        var cost = estimatedCostYuan is > 0 and <= MaxEstimatedCostYuan ? estimatedCostYuan.Value : 0; // 0: estimated at screening
        var project = new Project
        {
            Id = Guid.CreateVersion7(now),
            Year = year,
            Title = Shorten(TextRules.Normalize(title ?? ""), 200, "(untitled resolution)"),
            Category = ParseCategory(category),
            _districtCodes = [districtCode],
            EstimatedCostYuan = cost,
            Rationale = Shorten(TextRules.Normalize(rationale ?? ""), 4000, "(no rationale given)"),
            ProposerKind = ProposerKind.Deliberation,
            ProposerId = $"meeting:{meetingId}",
            Status = ProjectStatus.Proposed,
            ProposedAt = resolvedAt,
            SourceResolutionId = resolutionId,
            Late = cycle is not null && cycle.Phase != CyclePhase.Solicitation,
        };
        project.CityTag = CityTagOf(project.Category);
        project.RecordProposed();
        return project;
    }

    /// <summary>
    /// A governance case hotspot (the same category reported again and again in one grid) as a proposal of the
    /// <paramref name="year"/> whose solicitation is open. Like a resolution it is never refused for arriving late.
    /// The cost is estimated at screening (0 until then); the category follows the case category.
    /// </summary>
    public static Project FromHotspot(Guid hotspotId, string districtCode, string gridCode, string caseCategory, int caseCount, int windowDays,
        DateTimeOffset detectedAt, int year, Cycle? cycle, DateTimeOffset now)
    {
        if (!IsYearInRange(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "The hotspot's year is out of range.");
        if (!ReferenceData.IsDistrict(districtCode)) throw new ArgumentException($"Unknown district '{districtCode}'.", nameof(districtCode));
        var category = TextRules.Normalize(caseCategory ?? "").Trim();
        var project = new Project
        {
            Id = Guid.CreateVersion7(now),
            Year = year,
            // stored data, in the words the grid used; the case category is free text
            Title = Shorten($"{category} ({gridCode})", 200, "(hotspot)"),
            Category = CategoryOfCase(category),
            _districtCodes = [districtCode],
            EstimatedCostYuan = 0,
            Rationale = Shorten($"Hotspot: {caseCount} cases of '{category}' in grid {gridCode} within {windowDays} days.", 4000, "(hotspot)"),
            ProposerKind = ProposerKind.Hotspot,
            ProposerId = $"hotspot:{hotspotId}",
            Status = ProjectStatus.Proposed,
            ProposedAt = detectedAt,
            SourceHotspotId = hotspotId,
            Late = cycle is not null && cycle.Phase != CyclePhase.Solicitation,
        };
        project.CityTag = CityTagOf(project.Category);
        project.RecordProposed();
        return project;
    }

    /// <summary>The project category a grid's case category falls under; one not listed is urban construction.</summary>
    public static ProjectCategory CategoryOfCase(string caseCategory) => caseCategory.Trim().ToLowerInvariant() switch
    {
        "road damage" or "parking" => ProjectCategory.Transport,
        "litter" or "blocked drain" or "noise" => ProjectCategory.Environment,
        "unlicensed stall" => ProjectCategory.ConsumerProtection,
        _ => ProjectCategory.UrbanConstruction,
    };

    /// <summary>The 一区五城 tag a project of <paramref name="category"/> gets when its proposer chose none.</summary>
    public static string CityTagOf(ProjectCategory category) => category switch
    {
        ProjectCategory.Transport or ProjectCategory.UrbanConstruction => CityTags.ModernSmart,
        ProjectCategory.ConsumerProtection => CityTags.SafeGovernance,
        ProjectCategory.Education or ProjectCategory.Health or ProjectCategory.ElderlyCare or ProjectCategory.Environment => CityTags.HappyLiveable,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "A project category without a 一区五城 tag."),
    };

    private void RecordProposed() => Record(ProposedEvent());

    // ---- the integration events of the project ------------------------------------------------------------
    // Built from the stored state only, so the transitions and the dashboards' replay (DashboardReplayer) build the same
    // event for the same project. The estimated cost is the one stored now (screening may have confirmed another).

    /// <summary>
    /// The events the project's state implies, in the order they were published (the dashboards' replay): the proposal,
    /// the adoption at <paramref name="countedAt"/> (its cycle's count, <see cref="Cycle.VoteEndedAt"/>) and each
    /// completed milestone.
    /// </summary>
    public IEnumerable<object> ImpliedEvents(DateTimeOffset? countedAt)
    {
        yield return ProposedEvent();
        if (Vote?.Outcome != VoteOutcome.Adopted || countedAt is not { } adoptedAt) yield break;
        yield return AdoptedEvent(adoptedAt);
        foreach (var milestone in Milestones.Where(m => m.CompletedAt is not null).OrderBy(m => m.CompletedAt))
            yield return MilestoneCompletedEvent(milestone);
    }

    public ProjectProposed ProposedEvent() =>
        new(Id, Year, EnumNames.Of(Category), [.. DistrictCodes], EstimatedCostYuan, ProposedAt, CityTag);

    /// <summary>The adoption, at <paramref name="adoptedAt"/> (the count of the vote).</summary>
    public ProjectAdopted AdoptedEvent(DateTimeOffset adoptedAt) =>
        new(Id, Year, EnumNames.Of(Category), [.. DistrictCodes], EstimatedCostYuan, OwningDepartmentCode!, adoptedAt, CityTag);

    /// <summary>
    /// A completed milestone with the progress the project had then (the milestones completed by that moment, itself and
    /// any completed by the same issuance included); Late when completed after its due day (China date).
    /// </summary>
    public MilestoneCompleted MilestoneCompletedEvent(Milestone milestone)
    {
        var at = milestone.CompletedAt!.Value;
        var total = Milestones.Sum(m => m.Weight);
        var done = Milestones.Where(m => m.CompletedAt <= at).Sum(m => m.Weight);
        return new MilestoneCompleted(Id, milestone.Id, milestone.LinkedApplicationId is { } linked && milestone.CompletedByIssuance ? linked : null,
            total == 0 ? 0 : done * 100 / total, at, Platform.Calendar.WorkingDayCalendar.ChinaDateOf(at) > milestone.DueDate);
    }

    /// <summary>A category as events and envelopes spell it (TRANSPORT); a name that is none is a programming or sender's error.</summary>
    public static ProjectCategory ParseCategory(string name) =>
        EnumNames.TryParse<ProjectCategory>(name, out var category) ? category
        : throw new ArgumentException($"'{name}' is not a project category.", nameof(name));

    private static string Shorten(string? text, int length, string whenEmpty) =>
        string.IsNullOrWhiteSpace(text) ? whenEmpty : text.Trim() is var t && t.Length > length ? t[..length] : text.Trim();

    private void EnsureStatus(LocalText action, params ProjectStatus[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new ConflictException("{0} is not possible for a project that is {1}.", action, Status);
    }

    /// <summary>Feasible: becomes a candidate with its owning department, confirmed cost and completion date.</summary>
    public void AcceptAsCandidate(Cycle cycle, string? owningDepartmentCode, long costYuan, DateOnly? completionDate)
    {
        new Validator()
            .Require(ReferenceData.IsDepartment(owningDepartmentCode), "owningDepartmentCode", "must be a known department code")
            .Require(costYuan is > 0 and <= MaxEstimatedCostYuan, "estimatedCostYuan", "must be above 0 and at most {0} yuan", MaxEstimatedCostYuan)
            .Require(completionDate is { } d && d.Year >= Year && d.Year <= Year + 5, "completionDate",
                "is required, a date (YYYY-MM-DD) in {0} to {1}", Year, Year + 5)
            .ThrowIfInvalid();
        cycle.EnsurePhase(CyclePhase.Screening, Screening);
        EnsureStatus(Screening, ProjectStatus.Proposed);
        Revision++;
        Status = ProjectStatus.Candidate;
        OwningDepartmentCode = owningDepartmentCode;
        EstimatedCostYuan = costYuan;
        CompletionDate = completionDate;
        RecordScreened(ProposalScreened.Candidate);
    }

    public void ScreenOut(Cycle cycle, string? reason)
    {
        new Validator().RequireText(reason, "reason", 1000).ThrowIfInvalid();
        cycle.EnsurePhase(CyclePhase.Screening, Screening);
        EnsureStatus(Screening, ProjectStatus.Proposed);
        Revision++;
        Status = ProjectStatus.ScreenedOut;
        ScreeningReason = TextRules.Normalize(reason!).Trim();
        RecordScreened(ProposalScreened.ScreenedOut);
    }

    /// <summary>Folds this duplicate into <paramref name="target"/>, which takes over its districts.</summary>
    public void MergeInto(Cycle cycle, Project target)
    {
        if (target.Id == Id) throw new ValidationFailedException("intoProjectId", "must be another project");
        if (target.Year != Year) throw new ValidationFailedException("intoProjectId", "must be a proposal of {0}", Year);
        cycle.EnsurePhase(CyclePhase.Screening, new LocalText("Merging duplicates"));
        EnsureStatus(new LocalText("Merging"), ProjectStatus.Proposed);
        target.EnsureStatus(new LocalText("Merging into it"), ProjectStatus.Proposed, ProjectStatus.Candidate);
        Revision++;
        target.Revision++;
        Status = ProjectStatus.Merged;
        MergedIntoId = target.Id;
        target._districtCodes = [.. target.DistrictCodes.Union(DistrictCodes)];
        RecordScreened(ProposalScreened.Merged);
    }

    private void RecordScreened(string outcome) =>
        Record(new ProposalScreened(Id, Year, Title, EnumNames.Of(ProposerKind), ProposerId, outcome, ScreeningReason, MergedIntoId));

    public void NumberAsCandidate(int number)
    {
        Revision++;
        CandidateNumber = number;
    }

    /// <summary>The count's verdict on this candidate (see <see cref="Cycle.CountVote"/>).</summary>
    public void ApplyVote(CountedCandidate counted, DateTimeOffset now)
    {
        EnsureStatus(new LocalText("Counting the vote"), ProjectStatus.Candidate);
        Revision++;
        Vote = new VoteResult(counted.Rank, counted.Score, counted.Supporters, counted.Tied, counted.Outcome);
        Status = counted.Outcome == VoteOutcome.Adopted ? ProjectStatus.Adopted : ProjectStatus.NotAdopted;
        Record(new ProposalVoted(Id, Year, Title, EnumNames.Of(ProposerKind), ProposerId, EnumNames.Of(counted.Outcome), counted.Rank,
            counted.Score, counted.Supporters, now));
        if (Status == ProjectStatus.Adopted) Record(AdoptedEvent(now));
    }

    public Milestone AddMilestone(Cycle cycle, MilestoneDraft draft, DateTimeOffset now)
    {
        new Validator()
            .RequireText(draft.Title, "title", 200)
            .Require(draft.Weight is >= 1 and <= Milestone.MaxWeight, "weight", "must be between {0} and {1}", 1, Milestone.MaxWeight)
            .Require(draft.DueDate is not null, "dueDate", "is required, a date (YYYY-MM-DD)")
            .Require(draft.AmountYuan is >= 0 and <= MaxEstimatedCostYuan, "amountYuan", "must be between 0 and {0} yuan", MaxEstimatedCostYuan)
            .ThrowIfInvalid();
        var adding = new LocalText("Adding a milestone");
        EnsureImplementationCycle(cycle, adding);
        EnsureStatus(adding, ProjectStatus.Adopted, ProjectStatus.InProgress, ProjectStatus.CarriedOver);
        if (Milestones.Count >= Milestone.MaxPerProject)
            throw new ConflictException("A project has at most {0} milestones.", Milestone.MaxPerProject);
        if (Milestones.Sum(m => m.AmountYuan) + draft.AmountYuan > EstimatedCostYuan)
            throw new ValidationFailedException("amountYuan", "the milestones' amounts would exceed the project's cost of {0} yuan", EstimatedCostYuan);
        var milestone = new Milestone(Guid.CreateVersion7(now), TextRules.Normalize(draft.Title!).Trim(), draft.Weight, draft.DueDate!.Value, draft.LinkedApplicationId, draft.AmountYuan);
        _milestones.Add(milestone);
        Revision++;
        if (Status == ProjectStatus.Adopted) Status = ProjectStatus.InProgress;
        return milestone;
    }

    /// <summary>Milestones are managed in the implementation phase of the cycle the project is implemented in now.</summary>
    private void EnsureImplementationCycle(Cycle cycle, LocalText action)
    {
        if (cycle.Year != ImplementationYear)
            throw new ArgumentException($"The project is implemented in the {ImplementationYear} cycle, not {cycle.Year}.", nameof(cycle));
        cycle.EnsurePhase(CyclePhase.Implementation, action);
    }

    /// <summary>Marks a milestone done by hand (the owning department, during implementation).</summary>
    public void CompleteMilestone(Cycle cycle, Guid milestoneId, DateTimeOffset now)
    {
        var milestone = Milestones.FirstOrDefault(m => m.Id == milestoneId) ?? throw new NotFoundException("Milestone", milestoneId.ToString());
        var completing = new LocalText("Completing a milestone");
        EnsureImplementationCycle(cycle, completing);
        EnsureStatus(completing, ProjectStatus.InProgress, ProjectStatus.CarriedOver);
        if (milestone.CompletedAt is not null) throw new ConflictException("The milestone is already complete.");
        Complete(milestone, now, byIssuance: false);
        Record(MilestoneCompletedEvent(milestone));
    }

    /// <summary>
    /// Approvals issued the linked application: its milestones complete, whatever phase the cycle is in (an issuance
    /// is a fact). Returns the milestones completed now; none when they already were (a redelivered event).
    /// </summary>
    public IReadOnlyList<Milestone> CompleteMilestonesLinkedTo(Guid applicationId, DateTimeOffset issuedAt)
    {
        if (Status is not (ProjectStatus.InProgress or ProjectStatus.CarriedOver)) return [];
        var completed = Milestones.Where(m => m.LinkedApplicationId == applicationId && m.CompletedAt is null).ToList();
        foreach (var milestone in completed) Complete(milestone, issuedAt, byIssuance: true);
        // after all of them, so each event carries the progress the issuance led to
        foreach (var milestone in completed) Record(MilestoneCompletedEvent(milestone));
        return completed;
    }

    private void Complete(Milestone milestone, DateTimeOffset at, bool byIssuance)
    {
        milestone.Complete(at, byIssuance);
        Revision++;
        if (Status is ProjectStatus.InProgress or ProjectStatus.CarriedOver && Milestones.All(m => m.CompletedAt is not null))
        {
            Status = ProjectStatus.Completed;
            CompletedAt = at;
        }
    }

    /// <summary>
    /// Approvals warned that the linked application is close to (YELLOW) or past (RED) its SLA: its open milestones, and
    /// so the project, are at risk of delay, and each milestone whose risk rose records a <see cref="ProjectDelayRiskRaised"/>.
    /// Warnings of a level already recorded change nothing (approvals warns per scope and department), so the risk is
    /// raised once per application and level; it clears when the milestone completes. Returns the milestones whose risk rose.
    /// </summary>
    public IReadOnlyList<Milestone> RaiseDelayRisk(Guid applicationId, DelayRiskLevel level, DateOnly applicationDueOn, DateTimeOffset raisedAt)
    {
        if (Status is not (ProjectStatus.InProgress or ProjectStatus.CarriedOver)) return [];
        var raised = new List<Milestone>();
        foreach (var milestone in Milestones.Where(m => m.LinkedApplicationId == applicationId))
        {
            if (!milestone.RaiseRisk(level, applicationDueOn, raisedAt)) continue;
            raised.Add(milestone);
            Record(new ProjectDelayRiskRaised(Id, Year, milestone.Id, applicationId, EnumNames.Of(level), [.. DistrictCodes],
                OwningDepartmentCode, applicationDueOn, raisedAt));
        }
        if (raised.Count > 0) Revision++;
        return raised;
    }

    /// <summary>The project's delay risk: its open milestone at the highest level (the earliest raised among equals); null when none.</summary>
    public Milestone? DelayRisk => Milestones.Where(m => m.IsAtRisk)
        .OrderByDescending(m => m.RiskLevel).ThenBy(m => m.RiskRaisedAt).ThenBy(m => m.Id).FirstOrDefault();

    /// <summary>Progress in whole percent: the completed milestones' share of all milestones' weight.</summary>
    public int ProgressPercent
    {
        get
        {
            var total = Milestones.Sum(m => m.Weight);
            return total == 0 ? 0 : Milestones.Where(m => m.CompletedAt is not null).Sum(m => m.Weight) * 100 / total;
        }
    }

    /// <summary>What has been paid out: the amounts of the completed milestones.</summary>
    public long SpentYuan => Milestones.Where(m => m.CompletedAt is not null).Sum(m => m.AmountYuan);

    /// <summary>A milestone past its due date and not complete makes an in-progress project delayed.</summary>
    public bool IsDelayed(DateOnly today) =>
        Status is ProjectStatus.InProgress or ProjectStatus.CarriedOver && Milestones.Any(m => m.CompletedAt is null && m.DueDate < today);

    /// <summary>The status as callers see it on <paramref name="today"/>: in progress with a late milestone reads as delayed.</summary>
    public ProjectStatus StatusOn(DateOnly today) => Status == ProjectStatus.InProgress && IsDelayed(today) ? ProjectStatus.Delayed : Status;

    /// <summary>
    /// An unfinished project continues next year with a stage target to reach: it shows on that year's board and counts
    /// in its spending with the rest of its cost, and its open milestones are worked in that year's cycle.
    /// </summary>
    public void CarryOver(Cycle cycle, string? stageTarget)
    {
        new Validator().RequireText(stageTarget, "stageTarget", 1000).ThrowIfInvalid();
        if (cycle.Phase is not (CyclePhase.Implementation or CyclePhase.Evaluation))
            throw new ConflictException("Carrying a project over is possible during implementation or evaluation; the {0} cycle is in {1}.", Year, cycle.Phase);
        EnsureStatus(new LocalText("Carrying over"), ProjectStatus.Adopted, ProjectStatus.InProgress);
        Revision++;
        Status = ProjectStatus.CarriedOver;
        StageTarget = TextRules.Normalize(stageTarget!).Trim();
        CarriedOverToYear = Year + 1;
        SpentAtCarryOverYuan = SpentYuan;
        ProgressAtCarryOverPercent = ProgressPercent;
    }

    /// <summary>
    /// At the close of the cycle it is implemented in, with the evaluation results published. A carried-over project
    /// closes with the year it was carried into, not with its own.
    /// </summary>
    public void MarkEvaluated(int closingYear)
    {
        if (!IsAdopted || ImplementationYear != closingYear) return;
        Revision++;
        Status = ProjectStatus.Evaluated;
    }
}

/// <summary>The count's verdict on a candidate.</summary>
public sealed record VoteResult(int Rank, long Score, int Supporters, bool Tied, VoteOutcome Outcome);
