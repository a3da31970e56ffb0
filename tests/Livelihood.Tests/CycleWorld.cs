using Longgang.Livelihood.Domain;
using Longgang.Platform;

namespace Longgang.Livelihood.Tests;

/// <summary>Cycles and projects in a given phase or state, built through the domain's own transitions.</summary>
internal static class CycleWorld
{
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);
    public static readonly Caller Office = new("office-1", PlatformRoles.Clerk, null, LivelihoodAccess.OfficeDepartment);

    /// <summary>2.2 bn of 3.3 bn: the livelihood increase (200 m) is exactly two thirds of the capacity increase (300 m).</summary>
    public static readonly FiscalFigures CompliantBudget = new(2_200_000_000, 2_000_000_000, 3_300_000_000, 3_000_000_000);

    /// <summary>The part of <see cref="CompliantBudget"/>'s 2.2 bn livelihood spending for the projects voted on.</summary>
    public const long ProjectsBudgetYuan = 150_000_000;

    public static Cycle CycleIn(CyclePhase phase, BallotKind kind = BallotKind.Approval, int slots = 2, int year = 2026)
    {
        var cycle = Cycle.Open(new CycleRules(year, kind, slots, 0, [], []), Now);
        for (var next = CyclePhase.Screening; next <= phase; next++)
        {
            if (next == CyclePhase.Vote) cycle.SetBudget(CompliantBudget, ProjectsBudgetYuan);
            if (next == CyclePhase.Implementation) cycle.CloseVote(Now);
            else cycle.Advance(next, Now);
        }
        return cycle;
    }

    public static Project Proposal(string title = "Covered walkways", long cost = 12_000_000, string district = "district-02") =>
        Project.Propose(new ProjectDraft(2026, title, ProjectCategory.Transport, [district], cost, "Commuters walk unsheltered."), Citizen, null, Now);

    public static Project Candidate(Cycle screening, string title = "Covered walkways", long cost = 12_000_000)
    {
        var project = Proposal(title, cost);
        project.AcceptAsCandidate(screening, "dept-housing-construction", cost, new DateOnly(2026, 12, 31));
        return project;
    }

    /// <summary>An adopted project of a cycle now in implementation.</summary>
    public static (Project Project, Cycle Cycle) Adopted(long cost = 12_000_000)
    {
        var cycle = CycleIn(CyclePhase.Screening);
        var project = Candidate(cycle, cost: cost);
        project.ApplyVote(new CountedCandidate(project.Id, 1, 10, 10, false, VoteOutcome.Adopted), Now);
        for (var next = CyclePhase.CandidateList; next <= CyclePhase.Implementation; next++)
        {
            if (next == CyclePhase.Vote) cycle.SetBudget(CompliantBudget, ProjectsBudgetYuan);
            if (next == CyclePhase.Implementation) cycle.CloseVote(Now);
            else cycle.Advance(next, Now);
        }
        return (project, cycle);
    }
}
