using Longgang.Governance.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Data;

/// <summary>
/// Who answers for a case at each escalation level: the holders, on the day, of a grid-team post on its grid (grid level,
/// where a case is reassigned, never escalated to), of the community post of its community
/// (community level) or of the district-office post of its district (district level); at city level the people named in
/// <c>Governance:Escalation:CityOwners</c> (comma-separated token subjects of city admins), because the city is one
/// office that the directory does not model. An escalated case lands on the least loaded of them: the fewest unsettled
/// cases owned, ties by person id.
/// </summary>
public sealed class CaseOwners(GovernanceDbContext db, IConfiguration configuration)
{
    public const string CityOwnersKey = "Governance:Escalation:CityOwners";

    public async Task<IReadOnlyList<string>> HoldersAsync(Case c, EscalationLevel level, DateOnly day, CancellationToken ct)
    {
        var posts = db.PostsHeldOn(day).AsNoTracking();
        return level switch
        {
            EscalationLevel.Grid when c.GridCode != "" => await posts
                .Where(p => p.Kind == PostKind.GridTeam && p.GridCode == c.GridCode).Select(p => p.PersonId).Distinct().ToListAsync(ct),
            EscalationLevel.Community when c.CommunityCode != "" => await posts
                .Where(p => p.Kind == PostKind.Community && p.CommunityCode == c.CommunityCode).Select(p => p.PersonId).Distinct().ToListAsync(ct),
            EscalationLevel.District => await posts
                .Where(p => p.Kind == PostKind.DistrictOffice && p.DistrictCode == c.DistrictCode).Select(p => p.PersonId).Distinct().ToListAsync(ct),
            EscalationLevel.City => (configuration[CityOwnersKey] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
    }

    /// <summary>The least-loaded holder at the level; null when nobody holds its post.</summary>
    public async Task<string?> PickAsync(Case c, EscalationLevel level, DateOnly day, CancellationToken ct)
    {
        var holders = await HoldersAsync(c, level, day, ct);
        if (holders.Count == 0) return null;
        var settled = Case.Settled.ToList();
        var owned = await db.Cases.AsNoTracking().Where(x => x.OwnerId != null && holders.Contains(x.OwnerId) && !settled.Contains(x.Status))
            .GroupBy(x => x.OwnerId!).Select(g => new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.PersonId, x => x.Count, ct);
        return DispatchSuggestion.Owner(holders.Select(h => (h, owned.GetValueOrDefault(h))));
    }

    public async Task<bool> HoldsLevelPostAsync(Case c, string personId, DateOnly day, CancellationToken ct) =>
        (await HoldersAsync(c, c.EscalationLevel, day, ct)).Contains(personId);
}
