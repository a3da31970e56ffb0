namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>The deputies' vote of <see cref="Year"/> was counted; the adopted projects are listed in the count's order.</summary>
public sealed record VoteCounted(int Year, int Ballots, long BudgetYuan, long AdoptedCostYuan, IReadOnlyList<Guid> AdoptedProjectIds, DateTimeOffset CountedAt);

/// <summary>A candidate was adopted by the vote; <see cref="OwningDepartmentCode"/> carries it out.</summary>
public sealed record ProjectAdopted(Guid ProjectId, int Year, string Category, IReadOnlyList<string> DistrictCodes,
    long CostYuan, string OwningDepartmentCode, DateTimeOffset AdoptedAt);

/// <summary>
/// A milestone of an adopted project was completed, by its department or by approvals issuing the linked
/// application (<see cref="LinkedApplicationId"/>).
/// </summary>
public sealed record MilestoneCompleted(Guid ProjectId, Guid MilestoneId, Guid? LinkedApplicationId, int ProgressPercent, DateTimeOffset CompletedAt);
