namespace Longgang.Livelihood.Contracts.Events.V1;

/// <summary>
/// The deputies' vote of <see cref="Year"/> was counted; the adopted projects are listed in the count's order. The ⅔ rule's
/// figures are those of the cycle's budget: the increases in livelihood spending and in fiscal capacity, and whether the
/// first is at least two thirds of the second (0, 0 and null in older messages).
/// </summary>
public sealed record VoteCounted(int Year, int Ballots, long BudgetYuan, long AdoptedCostYuan, IReadOnlyList<Guid> AdoptedProjectIds, DateTimeOffset CountedAt,
    long LivelihoodIncreaseYuan = 0, long FiscalCapacityIncreaseYuan = 0, bool? TwoThirdsComplies = null);

/// <summary>A candidate was adopted by the vote; <see cref="OwningDepartmentCode"/> carries it out. CityTag as in <see cref="ProjectProposed"/>.</summary>
public sealed record ProjectAdopted(Guid ProjectId, int Year, string Category, IReadOnlyList<string> DistrictCodes,
    long CostYuan, string OwningDepartmentCode, DateTimeOffset AdoptedAt, string? CityTag = null);

/// <summary>
/// A milestone of an adopted project was completed, by its department or by approvals issuing the linked
/// application (<see cref="LinkedApplicationId"/>). Late when completed after the milestone's due day (China date).
/// </summary>
public sealed record MilestoneCompleted(Guid ProjectId, Guid MilestoneId, Guid? LinkedApplicationId, int ProgressPercent, DateTimeOffset CompletedAt,
    bool Late = false);

/// <summary>
/// Approvals warned that the application a milestone waits for is close to (<see cref="Level"/> YELLOW) or past (RED)
/// its SLA, so the project is at risk of delay. Raised once per milestone and level; the risk ends with the milestone's
/// <see cref="MilestoneCompleted"/>. <see cref="ApplicationDueOn"/> is the application's China due date.
/// </summary>
public sealed record ProjectDelayRiskRaised(Guid ProjectId, int Year, Guid MilestoneId, Guid ApplicationId, string Level,
    IReadOnlyList<string> DistrictCodes, string? OwningDepartmentCode, DateOnly ApplicationDueOn, DateTimeOffset RaisedAt);
