using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.Extensions.Time.Testing;
using Domain = Longgang.Livelihood.Domain;

namespace Longgang.Livelihood.Tests;

/// <summary>The work lists (issue 15): filters, paging with a total, and who sees what.</summary>
public sealed class ListTests : IDisposable
{
    private static readonly Caller Citizen = new("citizen-1", PlatformRoles.Citizen, null, null);
    private static readonly Caller OtherCitizen = new("citizen-2", PlatformRoles.Citizen, null, null);
    private static readonly Caller Deputy = new("deputy-1", PlatformRoles.Deputy, null, null);
    private static readonly Caller OtherDeputy = new("deputy-2", PlatformRoles.Deputy, null, null);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(CycleWorld.Now);

    public void Dispose() => _database.Dispose();

    private async Task<T> Call<T>(Caller caller, Func<LivelihoodGrpcService, TestServerCallContext, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(LivelihoodApi.Over(db, _clock), new TestServerCallContext(caller));
    }

    private Task<ListProjectsResponse> ListProjects(Caller caller, Action<ListProjectsRequest> filter)
    {
        var request = new ListProjectsRequest();
        filter(request);
        return Call(caller, (s, c) => s.ListProjects(request, c));
    }

    private async Task StoreAsync(params object[] entities)
    {
        await using var db = _database.NewContext();
        db.AddRange(entities);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static Domain.Project Proposal(int year, string title, Domain.ProjectCategory category, string district, Caller proposer, int minute) =>
        Domain.Project.Propose(new Domain.ProjectDraft(year, title, category, [district], 1_000_000, "Needed."), proposer, null,
            CycleWorld.Now.AddMinutes(minute));

    private async Task StoreProposalsAsync() => await StoreAsync(
        Proposal(2026, "Covered walkways", Domain.ProjectCategory.Transport, "district-02", Citizen, 1),
        Proposal(2026, "Clinic (Night) hours", Domain.ProjectCategory.Health, "district-03", OtherCitizen, 2),
        Proposal(2026, "Bus shelters", Domain.ProjectCategory.Transport, "district-03", Citizen, 3),
        Proposal(2027, "School canteens", Domain.ProjectCategory.Education, "district-02", Citizen, 4));

    [Fact]
    public async Task Projects_filter_by_year_category_and_district_newest_year_first_with_a_total()
    {
        await StoreProposalsAsync();

        var all = await ListProjects(Citizen, _ => { });
        var transport = await ListProjects(Citizen, r => (r.Year, r.Category) = (2026, ProjectCategory.Transport));
        var district = await ListProjects(Citizen, r => r.DistrictCode = "district-02");

        Assert.Equal(["School canteens", "Covered walkways", "Clinic (Night) hours", "Bus shelters"], all.Projects.Select(p => p.Title));
        Assert.Equal(["Covered walkways", "Bus shelters"], transport.Projects.Select(p => p.Title));
        Assert.Equal(["School canteens", "Covered walkways"], district.Projects.Select(p => p.Title));
        Assert.Equal(2, district.TotalSize);
    }

    [Fact]
    public async Task Pages_do_not_repeat_and_each_carries_the_whole_lists_total()
    {
        await StoreProposalsAsync();

        var first = await ListProjects(Citizen, r => r.PageSize = 3);
        var second = await ListProjects(Citizen, r => (r.PageSize, r.PageToken) = (3, first.NextPageToken));

        Assert.Equal((3, 4), (first.Projects.Count, first.TotalSize));
        Assert.Equal((1, 4, ""), (second.Projects.Count, second.TotalSize, second.NextPageToken));
        Assert.Empty(first.Projects.Select(p => p.Id).Intersect(second.Projects.Select(p => p.Id)));
    }

    [Fact]
    public async Task The_text_search_matches_full_width_forms_and_any_case()
    {
        await StoreProposalsAsync();

        // full-width brackets and letters, as a Chinese input method types them
        var found = await ListProjects(Citizen, r => r.Query = "（ＮＩＧＨＴ）");

        Assert.Equal(["Clinic (Night) hours"], found.Projects.Select(p => p.Title));
    }

    [Fact]
    public async Task A_caller_filters_by_their_own_proposals_but_another_proposer_is_refused_except_to_the_office()
    {
        await StoreProposalsAsync();

        var mine = await ListProjects(Citizen, r => r.ProposerId = Citizen.Subject);
        var byOffice = await ListProjects(CycleWorld.Office, r => r.ProposerId = OtherCitizen.Subject);

        Assert.Equal(3, mine.TotalSize);
        Assert.Equal(["Clinic (Night) hours"], byOffice.Projects.Select(p => p.Title));
        await Assert.ThrowsAsync<ForbiddenException>(() => ListProjects(Citizen, r => r.ProposerId = OtherCitizen.Subject));
    }

    [Fact]
    public async Task The_status_filter_tells_delayed_from_in_progress_on_todays_date()
    {
        var (onTime, cycle) = CycleWorld.Adopted();
        onTime.AddMilestone(cycle, new Domain.MilestoneDraft("Works", 1, new DateOnly(2026, 12, 31), null, 0), CycleWorld.Now);
        var (late, _) = CycleWorld.Adopted();
        late.AddMilestone(cycle, new Domain.MilestoneDraft("Permit", 1, new DateOnly(2026, 1, 4), null, 0), CycleWorld.Now);
        await StoreAsync(cycle, onTime, late);

        var delayed = await ListProjects(Citizen, r => r.Status = ProjectStatus.Delayed);
        var inProgress = await ListProjects(Citizen, r => r.Status = ProjectStatus.InProgress);

        Assert.Equal([late.Id.ToString()], delayed.Projects.Select(p => p.Id));
        Assert.Equal([onTime.Id.ToString()], inProgress.Projects.Select(p => p.Id));
    }

    [Theory]
    [InlineData("year", "year")]
    [InlineData("district", "districtCode")]
    [InlineData("department", "owningDepartmentCode")]
    [InlineData("status", "status")]
    [InlineData("query", "query")]
    public async Task A_bad_filter_is_named(string filter, string field)
    {
        Action<ListProjectsRequest> bad = filter switch
        {
            "year" => r => r.Year = 1999,
            "district" => r => r.DistrictCode = "district-42",
            "department" => r => r.OwningDepartmentCode = "dept-magic",
            "status" => r => r.Status = ProjectStatus.Unspecified,
            _ => r => r.Query = new string('x', ProjectLists.MaxQueryLength + 1),
        };

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => ListProjects(Citizen, bad));

        Assert.Equal([field], error.FieldErrors.Keys);
    }

    [Fact]
    public async Task Cycles_list_newest_first_by_phase_for_the_cycles_readers_only()
    {
        var old = CycleWorld.CycleIn(Domain.CyclePhase.Screening);
        var current = Domain.Cycle.Open(new Domain.CycleRules(2027, Domain.BallotKind.Ranking, 3, 0, [], []), CycleWorld.Now);
        await StoreAsync(old, current);

        var all = await Call(Deputy, (s, c) => s.ListCycles(new ListCyclesRequest(), c));
        var screening = await Call(Deputy, (s, c) => s.ListCycles(new ListCyclesRequest { Phase = CyclePhase.Screening }, c));

        Assert.Equal([2027, 2026], all.Cycles.Select(c => c.Year));
        Assert.Equal(2, all.TotalSize);
        Assert.Equal([2026], screening.Cycles.Select(c => c.Year));
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Citizen, (s, c) => s.ListCycles(new ListCyclesRequest(), c)));
    }

    [Fact]
    public async Task A_deputy_reads_back_their_own_ballot_and_nobody_elses()
    {
        var cycle = CycleWorld.CycleIn(Domain.CyclePhase.Screening);
        var first = CycleWorld.Candidate(cycle, "Bus lanes");
        var second = CycleWorld.Candidate(cycle, "Clinic");
        cycle.Advance(Domain.CyclePhase.CandidateList, [first, second, CycleWorld.Candidate(cycle, "Benches")], CycleWorld.Now);
        cycle.SetBudget(CycleWorld.CompliantBudget, CycleWorld.ProjectsBudgetYuan);
        cycle.Advance(Domain.CyclePhase.Vote, CycleWorld.Now);
        var ballot = Domain.Ballot.Cast(cycle, Deputy.Subject, false, [second.Id, first.Id], new HashSet<Guid> { first.Id, second.Id },
            Domain.BallotSource.InSession, CycleWorld.Now);
        await StoreAsync(cycle, first, second, ballot);

        var mine = await Call(Deputy, (s, c) => s.GetMyBallot(new GetMyBallotRequest { Year = 2026 }, c));

        Assert.Equal(["Clinic", "Bus lanes"], mine.Choices.Select(c => c.Title));
        Assert.Equal([second.CandidateNumber!.Value, first.CandidateNumber!.Value], mine.Choices.Select(c => c.CandidateNumber));
        await Assert.ThrowsAsync<NotFoundException>(() => Call(OtherDeputy, (s, c) => s.GetMyBallot(new GetMyBallotRequest { Year = 2026 }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(CycleWorld.Office, (s, c) => s.GetMyBallot(new GetMyBallotRequest { Year = 2026 }, c)));
    }

    [Fact]
    public async Task A_deputys_evaluation_queue_holds_the_adopted_projects_they_have_not_rated()
    {
        var (rated, cycle) = CycleWorld.Adopted();
        var (waiting, _) = CycleWorld.Adopted();
        cycle.Advance(Domain.CyclePhase.Evaluation, CycleWorld.Now);
        var rating = Domain.EvaluationRating.Rate(cycle, rated, Deputy.Subject, Domain.Satisfaction.Satisfied, CycleWorld.Now);
        await StoreAsync(cycle, rated, waiting, rating, CycleWorld.Proposal("Never adopted"));

        var queue = await Call(Deputy, (s, c) => s.ListPendingEvaluations(new ListPendingEvaluationsRequest(), c));
        var othersQueue = await Call(OtherDeputy, (s, c) => s.ListPendingEvaluations(new ListPendingEvaluationsRequest(), c));

        Assert.Equal([waiting.Id.ToString()], queue.Projects.Select(p => p.Id));
        Assert.Equal(2, othersQueue.TotalSize);
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Citizen, (s, c) => s.ListPendingEvaluations(new ListPendingEvaluationsRequest(), c)));
    }
}
