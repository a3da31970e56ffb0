using Longgang.Platform.Errors;

namespace Longgang.Governance.Domain;

/// <summary>A post holder and the open cases they hold (as verifier, handler-to-be or owner, as the question asks).</summary>
public sealed record Workload(Post Post, int OpenCases);

/// <summary>
/// Who should take a case: the holder with the fewest open cases; ties go to the lower person id, so the answer is the
/// same on every replica.
/// </summary>
public static class DispatchSuggestion
{
    /// <summary>
    /// The verifier of a newly reported case: among the active grid-team posts of the case's grid, or when the grid has
    /// nobody, of its district. Null when the district has no grid-team post held at all.
    /// </summary>
    public static Workload? SuggestVerifier(Case c, IReadOnlyList<Workload> districtTeams, DateOnly today)
    {
        if (c.Status != CaseStatus.Reported)
            throw new ConflictException("A suggestion is for a newly reported case; this one is {0}.", c.Status);
        var active = districtTeams.Where(t => t.Post.Kind == PostKind.GridTeam && t.Post.IsActiveOn(today) && t.Post.DistrictCode == c.DistrictCode).ToList();
        var inGrid = active.Where(t => t.Post.GridCode == c.GridCode).ToList();
        return LeastLoaded(inGrid.Count > 0 ? inGrid : active);
    }

    /// <summary>
    /// Who should handle the case once dispatched: for a module, the active holders of that module's post in the case's
    /// district; for a department, its staff seconded on the day (they hold module posts through their secondments).
    /// The candidates come in already chosen by the handler; this picks among them. Null when there is nobody.
    /// </summary>
    public static Workload? SuggestHandler(IReadOnlyList<Workload> candidates, DateOnly today) =>
        LeastLoaded(candidates.Where(t => t.Post.IsActiveOn(today)));

    /// <summary>The owner an escalated case lands on: the least loaded among the holders of the level's post.</summary>
    public static string? Owner(IEnumerable<(string PersonId, int OpenCases)> holders) =>
        holders.OrderBy(h => h.OpenCases).ThenBy(h => h.PersonId, StringComparer.Ordinal).Select(h => h.PersonId).FirstOrDefault();

    private static Workload? LeastLoaded(IEnumerable<Workload> candidates) =>
        candidates.GroupBy(t => t.Post.PersonId).Select(g => g.First()) // one person, one line, however many posts
            .OrderBy(t => t.OpenCases).ThenBy(t => t.Post.PersonId, StringComparer.Ordinal).FirstOrDefault();
}
