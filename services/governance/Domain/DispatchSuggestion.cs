using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>A grid-team member and the open cases they hold (began verifying and not yet settled).</summary>
public sealed record TeamWorkload(GridTeamMember Member, int OpenCases);

/// <summary>
/// Who should take a newly reported case: the active member of the case's grid team holding the fewest open cases;
/// when the grid has nobody, the same among the district's grid teams. Ties go to the lower person id, so the answer
/// is the same on every replica. Null when the district has no grid team member at all.
/// </summary>
public static class DispatchSuggestion
{
    public static TeamWorkload? Suggest(Case c, IReadOnlyList<TeamWorkload> districtTeams)
    {
        if (c.Status != CaseStatus.Reported)
            throw new ConflictException("A suggestion is for a newly reported case; this one is {0}.", c.Status);
        var active = districtTeams.Where(t => t.Member.Active && t.Member.DistrictCode == c.DistrictCode).ToList();
        var inGrid = active.Where(t => t.Member.GridCode == c.GridCode).ToList();
        return (inGrid.Count > 0 ? inGrid : active)
            .OrderBy(t => t.OpenCases).ThenBy(t => t.Member.PersonId, StringComparer.Ordinal).FirstOrDefault();
    }
}
