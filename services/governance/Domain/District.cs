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
