using Longgang.Platform;
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

public enum CaseStatus
{
    Reported = 1,
}

/// <summary>What a caller hands in to report a case (already parsed, not yet validated).</summary>
public sealed record CaseDraft(
    string? GridCode,
    CaseSource? Source,
    string? Category,
    string? Description,
    IReadOnlyList<string> PhotoRefs);

/// <summary>An event seen in a grid (a blocked drain, an unlicensed stall, a dispute) that someone reported.</summary>
public sealed class Case
{
    public const int MaxCategoryLength = 64;
    public const int MaxDescriptionLength = 2000;
    public const int MaxPhotoRefs = 10;
    public const int MaxPhotoRefLength = 300;

    public Guid Id { get; private set; }
    public string DistrictCode { get; private set; } = "";
    public string CommunityCode { get; private set; } = "";
    public string GridCode { get; private set; } = "";
    public CaseSource Source { get; private set; }
    public string Category { get; private set; } = "";
    public string Description { get; private set; } = "";
    public List<string> PhotoRefs { get; private set; } = [];
    public CaseStatus Status { get; private set; }
    public string ReporterId { get; private set; } = "";
    public DateTimeOffset ReportedAt { get; private set; }

    private Case() { }

    /// <summary>
    /// Validates the draft (all bad fields at once), then checks that the caller may report in the grid's district.
    /// <paramref name="grid"/> is the grid the draft names, or null when there is none.
    /// </summary>
    public static Case Report(Grid? grid, CaseDraft draft, Caller caller, DateTimeOffset now)
    {
        new Validator()
            .Require(!string.IsNullOrWhiteSpace(draft.GridCode), "gridCode", "is required")
            .Require(string.IsNullOrWhiteSpace(draft.GridCode) || grid is not null, "gridCode", $"no grid '{draft.GridCode}'")
            .Require(draft.Source is not null, "source", "is required (GRID_PATROL, CITIZEN, HOTLINE or REFERRAL)")
            .RequireText(draft.Category, "category", MaxCategoryLength)
            .RequireText(draft.Description, "description", MaxDescriptionLength)
            .Require(draft.PhotoRefs.Count <= MaxPhotoRefs, "photoRefs", $"at most {MaxPhotoRefs} photos")
            .Require(draft.PhotoRefs.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= MaxPhotoRefLength), "photoRefs",
                $"each photo reference must be non-empty and at most {MaxPhotoRefLength} characters")
            .ThrowIfInvalid();

        var source = draft.Source!.Value;
        GovernanceAccess.EnsureMayReport(caller, grid!.DistrictCode, source);

        return new Case
        {
            Id = Guid.CreateVersion7(now),
            DistrictCode = grid.DistrictCode,
            CommunityCode = grid.CommunityCode,
            GridCode = grid.Code,
            Source = source,
            Category = draft.Category!.Trim(),
            Description = draft.Description!.Trim(),
            PhotoRefs = draft.PhotoRefs.Select(p => p.Trim()).ToList(),
            Status = CaseStatus.Reported,
            ReporterId = caller.Subject,
            ReportedAt = now,
        };
    }
}
