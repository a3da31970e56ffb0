namespace Longgang.Governance.Data;

/// <summary>
/// The grid-team table of the previous release, kept as it was (expand/contract): the upgrade copied its rows into
/// <c>posts</c> and <c>secondments</c>, and a rollback to the previous release still finds them here. Nothing reads or
/// writes it any more; a later release drops it once a rollback across this one is no longer supported.
/// </summary>
public sealed class LegacyGridTeamMember
{
    public string PersonId { get; init; } = "";
    public string Name { get; init; } = "";
    public string GridCode { get; init; } = "";
    public string DistrictCode { get; init; } = "";
    public string? HomeDepartmentCode { get; init; }
    public string? ModuleCode { get; init; }
    public DateOnly? SecondedFrom { get; init; }
    public DateOnly? SecondedUntil { get; init; }
    public bool Active { get; init; } = true;
}
