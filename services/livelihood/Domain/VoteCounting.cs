namespace Longgang.Livelihood.Domain;

/// <summary>The cycle's adoption rule: ballot kind, slots, the livelihood budget, minimum support and envelopes.</summary>
public sealed record VoteRules(
    BallotKind Kind,
    int Slots,
    long BudgetYuan,
    int MinimumSupport,
    IReadOnlyDictionary<ProjectCategory, long> CategoryEnvelopes,
    IReadOnlyDictionary<string, long> DistrictEnvelopes);

/// <summary>What the count needs to know of a candidate.</summary>
public sealed record VoteCandidate(Guid Id, long CostYuan, ProjectCategory Category, IReadOnlyList<string> DistrictCodes, DateTimeOffset ProposedAt);

public enum VoteOutcome
{
    Adopted = 1,
    BelowMinimumSupport = 2,
    /// <summary>No longer fits the remaining livelihood budget: skipped, the next one may still fit.</summary>
    OverBudget = 3,
    OverCategoryEnvelope = 4,
    OverDistrictEnvelope = 5,
    /// <summary>Every slot was already taken.</summary>
    NoSlotLeft = 6,
}

/// <summary>A candidate's place in the count. <see cref="Tied"/>: another candidate has the same score.</summary>
public sealed record CountedCandidate(Guid Id, int Rank, long Score, int Supporters, bool Tied, VoteOutcome Outcome);

/// <summary>
/// Counts the deputies' ballots and adopts projects greedily within the budget, as CONSUL's participatory budgets do:
/// candidates in order of score, each adopted if it still fits (budget, envelopes, slots), otherwise skipped while
/// the count goes on to the next, which may be cheaper.
/// </summary>
public static class VoteCounting
{
    /// <param name="ballots">Each ballot's choices, in the deputy's order (the order matters for ranking only).</param>
    public static IReadOnlyList<CountedCandidate> Count(VoteRules rules, IReadOnlyList<VoteCandidate> candidates, IReadOnlyList<IReadOnlyList<Guid>> ballots)
    {
        var scores = candidates.ToDictionary(c => c.Id, _ => 0L);
        var supporters = candidates.ToDictionary(c => c.Id, _ => 0);
        foreach (var ballot in ballots)
        {
            for (var place = 0; place < ballot.Count; place++)
            {
                if (!scores.ContainsKey(ballot[place])) continue;
                scores[ballot[place]] += rules.Kind == BallotKind.Ranking ? candidates.Count - place : 1;
                supporters[ballot[place]]++;
            }
        }

        // ties: the cheaper project first (it leaves more of the budget to the others), then the earlier proposal
        var ordered = candidates
            .OrderByDescending(c => scores[c.Id]).ThenBy(c => c.CostYuan).ThenBy(c => c.ProposedAt).ThenBy(c => c.Id)
            .ToList();

        var remaining = rules.BudgetYuan;
        var byCategory = rules.CategoryEnvelopes.ToDictionary(e => e.Key, e => e.Value);
        var byDistrict = rules.DistrictEnvelopes.ToDictionary(e => e.Key, e => e.Value);
        var adopted = 0;
        var result = new List<CountedCandidate>(ordered.Count);
        foreach (var candidate in ordered)
        {
            var outcome =
                // a candidate no ballot names is never adopted, whatever the minimum
                supporters[candidate.Id] < Math.Max(1, rules.MinimumSupport) ? VoteOutcome.BelowMinimumSupport
                : adopted == rules.Slots ? VoteOutcome.NoSlotLeft
                : candidate.CostYuan > remaining ? VoteOutcome.OverBudget
                : byCategory.TryGetValue(candidate.Category, out var categoryLeft) && candidate.CostYuan > categoryLeft ? VoteOutcome.OverCategoryEnvelope
                // a project serving several districts counts in full against each of their envelopes
                : candidate.DistrictCodes.Any(d => byDistrict.TryGetValue(d, out var left) && candidate.CostYuan > left) ? VoteOutcome.OverDistrictEnvelope
                : VoteOutcome.Adopted;
            if (outcome == VoteOutcome.Adopted)
            {
                adopted++;
                remaining -= candidate.CostYuan;
                if (byCategory.ContainsKey(candidate.Category)) byCategory[candidate.Category] -= candidate.CostYuan;
                foreach (var district in candidate.DistrictCodes.Where(byDistrict.ContainsKey)) byDistrict[district] -= candidate.CostYuan;
            }
            var score = scores[candidate.Id];
            result.Add(new CountedCandidate(candidate.Id, result.Count + 1, score, supporters[candidate.Id],
                ordered.Count(c => scores[c.Id] == score) > 1, outcome));
        }
        return result;
    }
}
