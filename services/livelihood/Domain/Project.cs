using Longgang.Platform;
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
}

public enum ProjectStatus
{
    Proposed = 1,
}

/// <summary>What a caller hands in to propose a project (already parsed, not yet validated).</summary>
public sealed record ProjectDraft(
    int Year,
    string? Title,
    ProjectCategory? Category,
    IReadOnlyList<string> DistrictCodes,
    long EstimatedCostYuan,
    string? Rationale);

/// <summary>A proposed people's-livelihood project (民生实事) for one year's cycle.</summary>
public sealed class Project
{
    public const int MinYear = 2020;
    public const int MaxYear = 2100;
    /// <summary>10 bn yuan: above the city's whole yearly budget, so a larger figure is a typing error.</summary>
    public const long MaxEstimatedCostYuan = 10_000_000_000;

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    public string Title { get; private set; } = "";
    public ProjectCategory Category { get; private set; }
    public List<string> DistrictCodes { get; private set; } = [];
    public long EstimatedCostYuan { get; private set; }
    public string Rationale { get; private set; } = "";
    public ProposerKind ProposerKind { get; private set; }
    public string ProposerId { get; private set; } = "";
    public ProjectStatus Status { get; private set; }
    public DateTimeOffset ProposedAt { get; private set; }

    private Project() { }

    public static bool IsYearInRange(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>Checks that the caller may propose, then validates the draft, reporting all bad fields at once.</summary>
    public static Project Propose(ProjectDraft draft, Caller caller, DateTimeOffset now)
    {
        // who may propose does not depend on the input, so a refused caller learns nothing about validation
        var proposerKind = ProposerKindOf(caller);
        var districts = draft.DistrictCodes;
        new Validator()
            .Require(IsYearInRange(draft.Year), "year", $"must be between {MinYear} and {MaxYear}")
            .RequireText(draft.Title, "title", 200)
            .Require(draft.Category is not null, "category", "is required (one of the project categories)")
            .Require(districts.Count is >= 1 and <= ReferenceData.DistrictCount, "districtCodes", $"between 1 and {ReferenceData.DistrictCount} districts")
            .Require(districts.All(ReferenceData.IsDistrict), "districtCodes", "each must be a known district code")
            .Require(districts.Distinct().Count() == districts.Count, "districtCodes", "must not repeat a district")
            .Require(draft.EstimatedCostYuan is > 0 and <= MaxEstimatedCostYuan, "estimatedCostYuan", $"must be above 0 and at most {MaxEstimatedCostYuan} yuan")
            .RequireText(draft.Rationale, "rationale", 4000)
            .ThrowIfInvalid();

        return new Project
        {
            Id = Guid.CreateVersion7(now),
            Year = draft.Year,
            Title = draft.Title!.Trim(),
            Category = draft.Category!.Value,
            DistrictCodes = [.. districts],
            EstimatedCostYuan = draft.EstimatedCostYuan,
            Rationale = draft.Rationale!.Trim(),
            ProposerKind = proposerKind,
            ProposerId = caller.Subject,
            Status = ProjectStatus.Proposed,
            ProposedAt = now,
        };
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
        _ => throw new ForbiddenException($"The role '{caller.Role}' may not propose livelihood projects."),
    };
}
