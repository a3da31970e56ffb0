using System.Text.Json;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using static Longgang.Livelihood.Tests.CycleWorld;

namespace Longgang.Livelihood.Tests;

/// <summary>
/// What livelihood gives the dashboards: the 一区五城 tag of projects, late milestones, the ⅔ figures of the count, and a
/// replay that sends the events the live transitions published.
/// </summary>
public sealed class DashboardSourceTests
{
    private static List<string> Json(IEnumerable<object> events) => events.Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();

    private static ProjectDraft Draft(ProjectCategory category, string? cityTag = null) =>
        new(2026, "Covered walkways", category, ["district-02"], 12_000_000, "Commuters walk unsheltered.", cityTag);

    [Fact]
    public void A_project_takes_its_proposers_tag_or_its_categorys_and_refuses_an_unknown_one_naming_cityTag()
    {
        Assert.Equal(CityTags.VibrantInnovation, Project.Propose(Draft(ProjectCategory.Transport, CityTags.VibrantInnovation), Citizen, null, Now).CityTag);
        Assert.Equal(CityTags.ModernSmart, Project.Propose(Draft(ProjectCategory.Transport), Citizen, null, Now).CityTag);
        Assert.Equal(CityTags.HappyLiveable, Project.Propose(Draft(ProjectCategory.ElderlyCare), Citizen, null, Now).CityTag);
        Assert.Equal(CityTags.SafeGovernance, Project.Propose(Draft(ProjectCategory.ConsumerProtection), Citizen, null, Now).CityTag);
        Assert.All(Enum.GetValues<ProjectCategory>(), c => Assert.True(CityTags.IsKnown(Project.CityTagOf(c)), c.ToString()));

        var error = Assert.Throws<ValidationFailedException>(() => Project.Propose(Draft(ProjectCategory.Transport, "GREEN_CITY"), Citizen, null, Now));
        Assert.Equal(["cityTag"], error.FieldErrors.Keys);
        var resolution = Project.FromResolution(Guid.NewGuid(), Guid.NewGuid(), "district-03", 2026, "Night bus", "HEALTH", "Shift workers.", null, Now, null, Now);
        Assert.Equal(CityTags.HappyLiveable, Assert.IsType<ProjectProposed>(Assert.Single(resolution.TakePendingEvents())).CityTag);
    }

    [Fact]
    public void Proposal_count_adoption_and_milestones_replay_as_published_with_late_milestones_marked()
    {
        var cycle = CycleIn(CyclePhase.Screening, slots: 1);
        var shelters = Candidate(cycle, "Shelters", cost: 20_000_000);
        var benches = Candidate(cycle, "Benches", cost: 10_000_000);
        // the proposer's notices (ProposalScreened, ProposalVoted) are not the dashboards' and are not replayed
        var live = Dashboards(shelters.TakePendingEvents()).ToList();
        Assert.Equal(Json(live), Json(shelters.ImpliedEvents(countedAt: null)));

        cycle.Advance(CyclePhase.CandidateList, [shelters, benches], Now);
        cycle.SetBudget(CompliantBudget, ProjectsBudgetYuan);
        cycle.Advance(CyclePhase.Vote, Now);
        Ballot[] ballots = [Ballot.Cast(cycle, "deputy-1", false, [shelters.Id], new HashSet<Guid> { shelters.Id, benches.Id }, BallotSource.InSession, Now)];
        cycle.TakePendingEvents();
        var countedAt = Now.AddDays(1);
        cycle.CountVote([shelters, benches], ballots, carriedOver: [], countedAt);
        Assert.Empty(benches.ImpliedEvents(cycle.VoteEndedAt).Skip(1));
        live.AddRange(Dashboards(shelters.TakePendingEvents()));
        Assert.Equal(Json(live), Json(shelters.ImpliedEvents(cycle.VoteEndedAt)));

        var counted = Assert.IsType<VoteCounted>(Assert.Single(cycle.TakePendingEvents()));
        Assert.Equal(Json([counted]), Json([cycle.VoteCountedEvent(ballots.Length, [shelters], cycle.VoteEndedAt!.Value)]));
        // CompliantBudget: 200 m more for livelihood against 300 m more fiscal capacity, exactly two thirds
        Assert.Equal((200_000_000L, 300_000_000L, true), (counted.LivelihoodIncreaseYuan, counted.FiscalCapacityIncreaseYuan, counted.TwoThirdsComplies));

        var permit = Guid.NewGuid();
        var design = shelters.AddMilestone(cycle, new MilestoneDraft("Design", 1, new DateOnly(2026, 3, 31), null, 0), Now);
        shelters.AddMilestone(cycle, new MilestoneDraft("Permit", 3, new DateOnly(2026, 5, 31), permit, 0), Now);
        // due 31 March (China): completed on 1 April China time is late; the permit's issuance on time
        shelters.CompleteMilestone(cycle, design.Id, new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        shelters.CompleteMilestonesLinkedTo(permit, new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.FromHours(8)));
        var completed = shelters.TakePendingEvents().Cast<MilestoneCompleted>().ToList();
        live.AddRange(completed);

        Assert.Equal(Json(live), Json(shelters.ImpliedEvents(cycle.VoteEndedAt)));
        Assert.Equal([(true, null, 25), (false, permit, 100)], completed.Select(e => (e.Late, e.LinkedApplicationId, e.ProgressPercent)));
        Assert.Equal([CityTags.ModernSmart, CityTags.ModernSmart],
            live.Select(e => e switch { ProjectProposed p => p.CityTag, ProjectAdopted a => a.CityTag, _ => "" }).Where(t => t != ""));
    }

    private static IEnumerable<object> Dashboards(IEnumerable<object> events) => events.Where(e => e is not (ProposalScreened or ProposalVoted));
}
