using Longgang.Platform;
using Longgang.Platform.Domain;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;

namespace Longgang.Governance.Domain;

/// <summary>
/// One of the five work modules every district runs under its party work committee and work office (一委一办).
/// They are fixed by policy and the same in every district, so they live in code rather than in rows.
/// </summary>
public sealed record WorkModule(string Code, string Name)
{
    public static IReadOnlyList<WorkModule> All { get; } =
    [
        new("party-building-service", "Party-building service"),
        new("comprehensive-governance", "Comprehensive governance"),
        new("market-supervision", "Market supervision"),
        new("comprehensive-law-enforcement", "Comprehensive law enforcement"),
        new("convenience-services", "Convenience services"),
    ];
}

/// <summary>A district of the directory (district → community/village → grid); its modules are <see cref="WorkModule.All"/>.</summary>
public sealed class District
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    private readonly List<Community> _communities = [];
    public IReadOnlyList<Community> Communities { get => _communities; init => _communities = [.. value]; }
}

/// <summary>An urban community (社区) or a village (村): the level between district and grid.</summary>
public sealed class Community
{
    public string Code { get; init; } = "";
    public string DistrictCode { get; init; } = "";
    public string Name { get; init; } = "";
    public bool IsVillage { get; init; }
    private readonly List<Grid> _grids = [];
    public IReadOnlyList<Grid> Grids { get => _grids; init => _grids = [.. value]; }
}

/// <summary>
/// The smallest unit, patrolled by an all-round grid team. It carries its district as well as its community so
/// that a case reported in it can be placed and access-checked from the grid alone.
/// </summary>
public sealed class Grid
{
    public string Code { get; init; } = "";
    public string CommunityCode { get; init; } = "";
    public string DistrictCode { get; init; } = "";
    public string Name { get; init; } = "";
}

/// <summary>
/// A member of a grid's all-round team (全科网格): a full-time grid worker, or department staff seconded (下沉) to the
/// district for a period, serving one of its work modules. PersonId is the member's token subject.
/// </summary>
public sealed class GridTeamMember
{
    public const int MaxNameLength = 100;

    public string PersonId { get; init; } = "";
    public string Name { get; init; } = "";
    public string GridCode { get; init; } = "";
    public string DistrictCode { get; init; } = "";
    /// <summary>Null for a grid worker; the department a seconded member comes from.</summary>
    public string? HomeDepartmentCode { get; init; }
    /// <summary>Null for a grid worker; the work module a seconded member serves.</summary>
    public string? ModuleCode { get; init; }
    public DateOnly? SecondedFrom { get; init; }
    public DateOnly? SecondedUntil { get; init; }
    public bool Active { get; init; } = true;

    public bool IsSeconded => HomeDepartmentCode is not null;

    /// <summary>
    /// Checks that the caller runs the grid's district, then validates a new member (all bad fields at once): a grid
    /// worker names no department, module or period; seconded staff name all of them. Then that the person is not on
    /// the team already (409).
    /// </summary>
    public static GridTeamMember Add(Grid? grid, GridTeamMemberDraft draft, bool alreadyOnTeam, Caller caller)
    {
        EnsureMayChangeTeam(caller, grid);
        var seconded = !string.IsNullOrWhiteSpace(draft.HomeDepartmentCode) || !string.IsNullOrWhiteSpace(draft.ModuleCode)
            || draft.SecondedFrom is not null || draft.SecondedUntil is not null;
        new Validator()
            .Require(grid is not null, "gridCode", "no grid '{0}'", draft.GridCode)
            .RequireText(draft.PersonId, "personId", CallerExtensions.MaxSubjectLength)
            .RequireText(draft.Name, "name", MaxNameLength)
            .Require(!seconded || ReferenceData.IsDepartment(draft.HomeDepartmentCode), "homeDepartmentCode",
                "no department '{0}' (seconded staff need their home department)", draft.HomeDepartmentCode)
            .Require(!seconded || WorkModule.All.Any(m => m.Code == draft.ModuleCode), "moduleCode",
                "no work module '{0}' (seconded staff need the module they serve)", draft.ModuleCode)
            .Require(!seconded || draft.SecondedFrom is not null, "secondedFrom", "is required for seconded staff (yyyy-MM-dd)")
            .Require(draft.SecondedFrom is null || draft.SecondedUntil is null || draft.SecondedUntil >= draft.SecondedFrom,
                "secondedUntil", "must not be before secondedFrom")
            .ThrowIfInvalid();
        if (alreadyOnTeam)
            throw new ConflictException("'{0}' is already on the team of {1}.", draft.PersonId, grid!.Code);
        return new GridTeamMember
        {
            PersonId = draft.PersonId!.Trim(),
            Name = TextRules.Normalize(draft.Name!).Trim(), // full-width and half-width forms alike, so searches find it
            GridCode = grid!.Code,
            DistrictCode = grid.DistrictCode,
            HomeDepartmentCode = seconded ? draft.HomeDepartmentCode : null,
            ModuleCode = seconded ? draft.ModuleCode : null,
            SecondedFrom = draft.SecondedFrom,
            SecondedUntil = draft.SecondedUntil,
        };
    }

    /// <summary>
    /// The district admin of the grid's district, or a city admin. An unknown grid (null) names no district: then only
    /// the role is checked, and validation reports the grid.
    /// </summary>
    public static void EnsureMayChangeTeam(Caller caller, Grid? grid)
    {
        if (caller.IsCityAdmin || (caller.Is(PlatformRoles.DistrictAdmin) && (grid is null || caller.WorksIn(grid.DistrictCode)))) return;
        throw new ForbiddenException("Only the district admin or a city admin changes a grid team.");
    }
}

/// <summary>What a caller hands in to add a grid team member (already parsed, not yet validated).</summary>
public sealed record GridTeamMemberDraft(
    string GridCode,
    string? PersonId,
    string? Name,
    string? HomeDepartmentCode,
    string? ModuleCode,
    DateOnly? SecondedFrom,
    DateOnly? SecondedUntil);

