using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Grpc;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Livelihood.Tests;

/// <summary>A year's cycle end to end through the gRPC service class, on SQLite.</summary>
public sealed class CycleFlowTests : IDisposable
{
    private static readonly Caller Office = new("office-1", PlatformRoles.Clerk, null, "dept-development-reform");
    private static readonly Caller Housing = new("housing-1", PlatformRoles.Clerk, null, "dept-housing-construction");
    private static readonly Caller Finance = new("finance-1", PlatformRoles.Clerk, null, "dept-finance");
    private static readonly Caller Citizen = new("citizen-7", PlatformRoles.Citizen, null, null);
    private static Caller Deputy(int n) => new($"deputy-{n:00}", PlatformRoles.Deputy, null, null);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero));

    public void Dispose() => _database.Dispose();

    private async Task<T> Call<T>(Caller caller, Func<LivelihoodGrpcService, TestServerCallContext, Task<T>> call)
    {
        await using var db = _database.NewContext();
        return await call(LivelihoodApi.Over(db, _clock), new TestServerCallContext(caller));
    }

    private Task<Cycle> Advance(CyclePhase phase) =>
        Call(Office, (s, c) => s.AdvanceCycle(new AdvanceCycleRequest { Year = 2026, Phase = phase }, c));

    private Task<Project> Propose(string title, long cost, string district = "district-02") =>
        Call(Citizen, (s, c) => s.ProposeProject(new ProposeProjectRequest
        {
            Year = 2026,
            Title = title,
            Category = ProjectCategory.Transport,
            DistrictCodes = { district },
            EstimatedCostYuan = cost,
            Rationale = "Needed.",
        }, c));

    private Task<Project> Accept(Project p) => Call(Office, (s, c) => s.AcceptCandidate(new AcceptCandidateRequest
    {
        Id = p.Id,
        OwningDepartmentCode = "dept-housing-construction",
        EstimatedCostYuan = p.EstimatedCostYuan,
        CompletionDate = "2026-12-31",
    }, c));

    /// <summary>Four candidates (60, 50, 30, 10 million yuan) for three slots, the vote open, a budget of 1.1 bn complying with the ⅔ rule.</summary>
    /// <param name="projectsBudgetYuan">The part of the 1.1 bn livelihood spending the vote is counted against: by default all of it.</param>
    private async Task<List<Project>> OpenVoteAsync(long projectsBudgetYuan = 1_100_000_000)
    {
        await Call(Office, (s, c) => s.OpenCycle(new OpenCycleRequest { Year = 2026, BallotKind = BallotKind.Approval, Slots = 3 }, c));
        var proposals = new List<Project>();
        foreach (var (title, cost) in new[] { ("Bus lanes", 60L), ("Clinic", 50L), ("Shelters", 30L), ("Benches", 10L) })
        {
            proposals.Add(await Propose(title, cost * 1_000_000));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        await Advance(CyclePhase.Screening);
        foreach (var p in proposals) await Accept(p);
        await Advance(CyclePhase.CandidateList);
        await Call(Office, (s, c) => s.SetBudget(new SetBudgetRequest
        {
            Year = 2026,
            LivelihoodSpendingYuan = 1_100_000_000,
            PreviousLivelihoodSpendingYuan = 1_000_000_000,
            FiscalCapacityYuan = 1_650_000_000,
            PreviousFiscalCapacityYuan = 1_500_000_000,
            ProjectsBudgetYuan = projectsBudgetYuan,
        }, c));
        await Advance(CyclePhase.Vote);
        return proposals;
    }

    [Fact]
    public async Task A_year_runs_from_proposals_to_adopted_projects_within_the_budget()
    {
        var proposals = await OpenVoteAsync();
        // the candidate list numbers the candidates in proposal order, for the paper ballots
        var listed = await Call(Office, (s, c) => s.ListProjects(new ListProjectsRequest { Year = 2026 }, c));
        Assert.Equal([1, 2, 3, 4], listed.Projects.Select(p => p.CandidateNumber));

        // two deputies in session, three on paper (one of whom already voted, one naming no candidate 9)
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id, proposals[2].Id } }, c));
        await Call(Deputy(2), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id, proposals[3].Id } }, c));
        await Assert.ThrowsAsync<ConflictException>(() =>
            Call(Deputy(2), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[1].Id } }, c)));
        var import = await Call(Office, (s, c) => s.ImportPaperBallots(new ImportPaperBallotsRequest
        {
            Year = 2026,
            Csv = "deputyId,choices\ndeputy-03,1;2;3\ndeputy-01,2\ndeputy-04,2;9\ndeputy-05,2",
        }, c));
        Assert.Equal(2, import.Imported);
        Assert.Equal([3, 4], import.Errors.Select(e => e.Line));

        var count = await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));

        Assert.Equal(4, count.Ballots);
        // Clinic (50 m) and Shelters (30 m) tie at 2: the cheaper comes first
        Assert.Equal(["Bus lanes", "Shelters", "Clinic", "Benches"], count.Candidates.Select(x => x.Title));
        Assert.Equal([3L, 2, 2, 1], count.Candidates.Select(x => x.Result.Score));
        Assert.Equal([false, true, true, false], count.Candidates.Select(x => x.Result.Tied));
        Assert.Equal([VoteOutcome.Adopted, VoteOutcome.Adopted, VoteOutcome.Adopted, VoteOutcome.NoSlotLeft], count.Candidates.Select(x => x.Result.Outcome));
        Assert.Equal(140_000_000, count.AdoptedCostYuan);
        var cycle = await Call(Deputy(1), (s, c) => s.GetCycle(new GetCycleRequest { Year = 2026 }, c));
        Assert.Equal((CyclePhase.Implementation, 4, true), (cycle.Phase, cycle.BallotsCast, cycle.BudgetCheck.Complies));
        await Assert.ThrowsAsync<ConflictException>(() => Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c)));
    }

    [Fact]
    public async Task The_vote_is_counted_against_the_projects_budget_not_the_whole_livelihood_spending()
    {
        // 100 m of the 1.1 bn spending is for the projects voted on
        var proposals = await OpenVoteAsync(projectsBudgetYuan: 100_000_000);
        foreach (var deputy in new[] { 1, 2 })
            await Call(Deputy(deputy), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id, proposals[1].Id } }, c));

        var count = await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));

        // Bus lanes (60 m) and Clinic (50 m) tie: the cheaper is adopted first, then 60 m no longer fits the 50 m left
        Assert.Equal(("Clinic", VoteOutcome.Adopted), (count.Candidates[0].Title, count.Candidates[0].Result.Outcome));
        Assert.Equal(("Bus lanes", VoteOutcome.OverBudget), (count.Candidates[1].Title, count.Candidates[1].Result.Outcome));
        Assert.Equal((100_000_000L, 50_000_000L), (count.BudgetYuan, count.AdoptedCostYuan));
        var board = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c));
        Assert.Equal((1_100_000_000L, 100_000_000L), (board.BudgetYuan, board.ProjectsBudgetYuan));
        var cycle = await Call(Deputy(1), (s, c) => s.GetCycle(new GetCycleRequest { Year = 2026 }, c));
        Assert.Equal(100_000_000L, cycle.ProjectsBudgetYuan);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_100_000_001L)]
    public async Task A_projects_budget_outside_the_livelihood_spending_is_refused_naming_it(long projectsBudgetYuan)
    {
        await Call(Office, (s, c) => s.OpenCycle(new OpenCycleRequest { Year = 2026, BallotKind = BallotKind.Approval, Slots = 3 }, c));

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Call(Office, (s, c) => s.SetBudget(new SetBudgetRequest
        {
            Year = 2026,
            LivelihoodSpendingYuan = 1_100_000_000,
            PreviousLivelihoodSpendingYuan = 1_000_000_000,
            FiscalCapacityYuan = 1_650_000_000,
            PreviousFiscalCapacityYuan = 1_500_000_000,
            ProjectsBudgetYuan = projectsBudgetYuan,
        }, c)));

        Assert.Equal(["projectsBudgetYuan"], refused.FieldErrors.Keys);
        Assert.False((await Call(Office, (s, c) => s.GetCycle(new GetCycleRequest { Year = 2026 }, c))).HasProjectsBudgetYuan);
    }

    [Fact]
    public async Task Only_the_owning_department_and_the_office_manage_milestones_and_the_board_shows_progress()
    {
        var proposals = await OpenVoteAsync();
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id } }, c));
        await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));
        var addPermit = new AddMilestoneRequest { ProjectId = proposals[0].Id, Title = "Permit", Weight = 1, DueDate = "2026-03-31", AmountYuan = 0 };

        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Finance, (s, c) => s.AddMilestone(addPermit, c)));
        var withPermit = await Call(Housing, (s, c) => s.AddMilestone(addPermit, c));
        await Call(Housing, (s, c) => s.AddMilestone(new AddMilestoneRequest
        {
            ProjectId = proposals[0].Id,
            Title = "Works",
            Weight = 3,
            DueDate = "2026-10-31",
            AmountYuan = 45_000_000,
        }, c));
        var done = await Call(Office, (s, c) => s.CompleteMilestone(new CompleteMilestoneRequest { ProjectId = proposals[0].Id, Id = withPermit.Milestones[0].Id }, c));
        Assert.Equal(25, done.ProgressPercent);
        var badDate = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Call(Housing, (s, c) => s.AddMilestone(new AddMilestoneRequest { ProjectId = proposals[0].Id, Title = "x", Weight = 1, DueDate = "31/12/2026" }, c)));
        Assert.Equal(["dueDate"], badDate.FieldErrors.Keys);

        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));
        var board = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c));

        var project = Assert.Single(board.Projects);
        Assert.Equal(("Bus lanes", 25, ProjectStatus.Delayed), (project.Title, project.ProgressPercent, project.Status));
        Assert.Equal((1_100_000_000L, 60_000_000L, 0L), (board.BudgetYuan, board.AdoptedCostYuan, board.SpentYuan));
        Assert.Equal(("PROJECT_CATEGORY_TRANSPORT", 1), (board.ByCategory.Single().Key, board.ByCategory.Single().Projects));
        Assert.Equal("district-02", board.ByDistrict.Single().Key);
        Assert.True(board.BudgetCheck.Complies);
        Assert.Null(project.Evaluation);
    }

    [Fact]
    public async Task Deputies_evaluate_once_and_the_results_are_published_when_the_cycle_closes()
    {
        var proposals = await OpenVoteAsync();
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[3].Id } }, c));
        await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));
        await Advance(CyclePhase.Evaluation);
        var evaluate = (int deputy, Satisfaction rating) => Call(Deputy(deputy), (s, c) =>
            s.EvaluateProject(new EvaluateProjectRequest { Id = proposals[3].Id, Rating = rating }, c));

        await evaluate(1, Satisfaction.Satisfied);
        await evaluate(2, Satisfaction.BasicallySatisfied);
        await evaluate(3, Satisfaction.Satisfied);
        await Assert.ThrowsAsync<ConflictException>(() => evaluate(1, Satisfaction.NotSatisfied));
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Office, (s, c) =>
            s.EvaluateProject(new EvaluateProjectRequest { Id = proposals[3].Id, Rating = Satisfaction.Satisfied }, c)));
        Assert.Null((await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c))).Projects.Single().Evaluation);

        await Advance(CyclePhase.Closed);
        var board = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c));

        Assert.True(board.EvaluationPublished);
        var tally = board.Projects.Single().Evaluation;
        Assert.Equal((2, 1, 0), (tally.Satisfied, tally.BasicallySatisfied, tally.NotSatisfied));
        Assert.Equal(ProjectStatus.Evaluated, board.Projects.Single().Status);
    }

    [Fact]
    public async Task Leaving_screening_needs_every_proposal_screened_and_more_candidates_than_slots()
    {
        await Call(Office, (s, c) => s.OpenCycle(new OpenCycleRequest { Year = 2026, BallotKind = BallotKind.Ranking, Slots = 1 }, c));
        var a = await Propose("A", 1_000_000);
        var b = await Propose("B", 2_000_000);
        await Advance(CyclePhase.Screening);
        await Assert.ThrowsAsync<ConflictException>(() => Propose("too late", 1_000_000));
        await Accept(a);

        var unscreened = await Assert.ThrowsAsync<ConflictException>(() => Advance(CyclePhase.CandidateList));
        await Call(Office, (s, c) => s.ScreenOutProject(new ScreenOutProjectRequest { Id = b.Id, Reason = "Already funded by the province" }, c));
        var tooFew = await Assert.ThrowsAsync<ConflictException>(() => Advance(CyclePhase.CandidateList));

        Assert.Contains("not screened", unscreened.Message);
        Assert.Contains("more candidates than the 1 slots", tooFew.Message);
    }

    [Fact]
    public async Task The_cycle_is_run_by_the_office_and_seen_by_deputies_and_departments()
    {
        var open = new OpenCycleRequest { Year = 2026, BallotKind = BallotKind.Approval, Slots = 3 };
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Finance, (s, c) => s.OpenCycle(open, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Deputy(1), (s, c) => s.OpenCycle(open, c)));
        await Call(new Caller("admin", PlatformRoles.CityAdmin, null, null), (s, c) => s.OpenCycle(open, c));
        await Assert.ThrowsAsync<ConflictException>(() => Call(Office, (s, c) => s.OpenCycle(open, c)));

        Assert.Equal(CyclePhase.Solicitation, (await Call(Finance, (s, c) => s.GetCycle(new GetCycleRequest { Year = 2026 }, c))).Phase);
        await Assert.ThrowsAsync<ForbiddenException>(() => Call(Citizen, (s, c) => s.GetCycle(new GetCycleRequest { Year = 2026 }, c)));
        await Assert.ThrowsAsync<NotFoundException>(() => Call(Office, (s, c) => s.GetCycle(new GetCycleRequest { Year = 2027 }, c)));
        await Assert.ThrowsAsync<NotFoundException>(() => Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2027 }, c)));
    }

    [Fact]
    public async Task Who_proposed_is_shown_to_the_proposer_the_office_and_city_admins_only()
    {
        var project = await Propose("Street lights", 800_000);
        var get = (Caller caller) => Call(caller, (s, c) => s.GetProject(new GetProjectRequest { Id = project.Id }, c));

        Assert.Equal("citizen-7", (await get(Citizen)).ProposerId);
        Assert.Equal("citizen-7", (await get(Office)).ProposerId);
        Assert.Equal("citizen-7", (await get(new Caller("admin", PlatformRoles.CityAdmin, null, null))).ProposerId);
        var other = await get(new Caller("citizen-8", PlatformRoles.Citizen, null, null));
        Assert.Equal(("", ProposerKind.Citizen), (other.ProposerId, other.ProposerKind));
        Assert.Equal("", (await get(Deputy(1))).ProposerId);
        Assert.Equal("", (await get(Finance)).ProposerId);
        var listed = await Call(Deputy(1), (s, c) => s.ListProjects(new ListProjectsRequest { Year = 2026 }, c));
        Assert.Equal("", listed.Projects.Single().ProposerId);
    }

    [Fact]
    public async Task Counting_and_completing_a_milestone_put_their_events_in_the_outbox_with_the_change()
    {
        var proposals = await OpenVoteAsync();
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id, proposals[3].Id } }, c));
        await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));
        var withPermit = await Call(Housing, (s, c) => s.AddMilestone(new AddMilestoneRequest
        {
            ProjectId = proposals[0].Id,
            Title = "Permit",
            Weight = 1,
            DueDate = "2026-03-31",
            AmountYuan = 0,
            LinkedApplicationId = Guid.NewGuid().ToString(),
        }, c));
        await Call(Housing, (s, c) => s.CompleteMilestone(new CompleteMilestoneRequest { ProjectId = proposals[0].Id, Id = withPermit.Milestones[0].Id }, c));

        await using var db = _database.NewContext();
        var outbox = await db.OutboxMessages.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        T[] Events<T>() => [.. outbox.Where(m => m.ResolveType() == typeof(T)).Select(m => (T)m.Deserialize(typeof(T)))];
        Assert.Equal(4, Events<Contracts.Events.V1.ProjectProposed>().Length);
        Assert.Equal([proposals[0].Id, proposals[3].Id], Events<Contracts.Events.V1.ProjectAdopted>().Select(e => e.ProjectId.ToString()).Order());
        var counted = Assert.Single(Events<Contracts.Events.V1.VoteCounted>());
        Assert.Equal((1, 70_000_000L), (counted.Ballots, counted.AdoptedCostYuan));
        var completed = Assert.Single(Events<Contracts.Events.V1.MilestoneCompleted>());
        // completed by hand: no application named, even for a milestone linked to one
        Assert.Equal((withPermit.Milestones[0].Id, null, 100), (completed.MilestoneId.ToString(), completed.LinkedApplicationId, completed.ProgressPercent));
    }

    [Fact]
    public async Task Who_is_checked_before_the_input_and_the_input_before_the_state()
    {
        var proposals = await OpenVoteAsync();
        var overCapacity = new SetBudgetRequest
        {
            Year = 2026,
            LivelihoodSpendingYuan = 2_000_000_000,
            PreviousLivelihoodSpendingYuan = 1_000_000_000,
            FiscalCapacityYuan = 1_650_000_000,
            PreviousFiscalCapacityYuan = 1_500_000_000,
        };

        // input before state: bad figures once the vote is open or before implementation, a file without its header after the vote
        var budget = await Assert.ThrowsAsync<ValidationFailedException>(() => Call(Office, (s, c) => s.SetBudget(overCapacity, c)));
        var accounts = await Assert.ThrowsAsync<ValidationFailedException>(() => Call(Office, (s, c) => s.RecordFinalAccounts(new RecordFinalAccountsRequest
        {
            Year = 2026,
            LivelihoodSpendingYuan = -1,
            PreviousLivelihoodSpendingYuan = 0,
            FiscalCapacityYuan = 1,
            PreviousFiscalCapacityYuan = 0,
        }, c)));
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id } }, c));
        await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));
        var csv = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Call(Office, (s, c) => s.ImportPaperBallots(new ImportPaperBallotsRequest { Year = 2026, Csv = "deputy-09,1" }, c)));
        // who before input: another department's clerk learns nothing about the milestone id
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Call(Finance, (s, c) => s.CompleteMilestone(new CompleteMilestoneRequest { ProjectId = proposals[0].Id, Id = "m1" }, c)));

        Assert.Equal(["livelihoodSpendingYuan"], budget.FieldErrors.Keys);
        Assert.Equal(["livelihoodSpendingYuan"], accounts.FieldErrors.Keys);
        Assert.Equal(["csv"], csv.FieldErrors.Keys);
    }

    [Fact]
    public async Task A_refused_action_changes_nothing()
    {
        var proposals = await OpenVoteAsync();

        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id, proposals[0].Id } }, c)));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { "not-an-id" } }, c)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            Call(Office, (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id } }, c)));

        await using var db = _database.NewContext();
        Assert.False(await db.Ballots.AnyAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Bus lanes (60 m) adopted in 2026 with design done (5 m, weight 1) and a permit (weight 1, linked) and works (weight 2, 45 m) open.</summary>
    private async Task<(Project Project, Guid Permit)> AdoptedWithMilestonesAsync()
    {
        var proposals = await OpenVoteAsync();
        await Call(Deputy(1), (s, c) => s.CastBallot(new CastBallotRequest { Year = 2026, ProjectIds = { proposals[0].Id } }, c));
        await Call(Office, (s, c) => s.CountVotes(new CountVotesRequest { Year = 2026 }, c));
        var permit = Guid.NewGuid();
        var steps = new[] { ("Design", 1, "2026-03-31", "", 5_000_000L), ("Permit", 1, "2026-05-31", permit.ToString(), 0L), ("Works", 2, "2026-11-30", "", 45_000_000L) };
        Project project = null!;
        foreach (var (title, weight, due, linked, amount) in steps)
        {
            project = await Call(Housing, (s, c) => s.AddMilestone(new AddMilestoneRequest
            {
                ProjectId = proposals[0].Id, Title = title, Weight = weight, DueDate = due, LinkedApplicationId = linked, AmountYuan = amount,
            }, c));
        }
        var design = project.Milestones.Single(m => m.Title == "Design").Id;
        project = await Call(Housing, (s, c) => s.CompleteMilestone(new CompleteMilestoneRequest { ProjectId = project.Id, Id = design }, c));
        return (project, permit);
    }

    private Task<Cycle> OpenCycle(int year) =>
        Call(Office, (s, c) => s.OpenCycle(new OpenCycleRequest { Year = year, BallotKind = BallotKind.Approval, Slots = 3 }, c));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_carried_over_project_is_on_the_next_years_board_and_list_whether_that_cycle_opens_before_or_after(bool nextCycleFirst)
    {
        var (project, _) = await AdoptedWithMilestonesAsync();
        if (nextCycleFirst) await OpenCycle(2027);
        var carried = await Call(Office, (s, c) => s.CarryOverProject(new CarryOverProjectRequest { Id = project.Id, StageTarget = "Works done by June 2027" }, c));
        if (!nextCycleFirst) await OpenCycle(2027);

        Assert.Equal((2026, 2027, 5_000_000L, 25, 55_000_000L), (carried.CarriedOverFromYear, carried.CarriedOverToYear, carried.SpentAtCarryOverYuan,
            carried.ProgressAtCarryOverPercent, carried.CarriedOverCostYuan));
        var board = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2027 }, c));
        var row = Assert.Single(board.Projects);
        Assert.Equal((project.Id, 2026, 5_000_000L, 25, ProjectStatus.CarriedOver), (row.Id, row.CarriedOverFromYear, row.SpentAtCarryOverYuan,
            row.ProgressAtCarryOverPercent, row.Status));
        Assert.Equal(["Permit", "Works"], row.OpenMilestones.Select(m => m.Title));
        // the rest of its cost is 2027's spending; it was voted in 2026, so 2027 adopted nothing yet
        Assert.Equal((0L, 55_000_000L, 0L), (board.AdoptedCostYuan, board.CarriedOverCostYuan, board.SpentYuan));
        Assert.Equal(55_000_000L, board.ByDistrict.Single().CostYuan);
        var lastYear = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c));
        Assert.Equal((2027, false), (lastYear.Projects.Single().CarriedOverToYear, lastYear.Projects.Single().HasCarriedOverFromYear));

        var listed = await Call(Citizen, (s, c) => s.ListProjects(new ListProjectsRequest { Year = 2027 }, c));
        Assert.Equal((project.Id, 2026), (listed.Projects.Single().Id, listed.Projects.Single().CarriedOverFromYear));
    }

    [Fact]
    public async Task A_project_at_risk_shows_its_risk_in_the_project_on_the_board_and_through_the_at_risk_filter()
    {
        var (project, permit) = await AdoptedWithMilestonesAsync();
        await using (var db = _database.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == Guid.Parse(project.Id), TestContext.Current.CancellationToken);
            stored.RaiseDelayRisk(permit, Domain.DelayRiskLevel.Red, new DateOnly(2026, 2, 27), _clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var read = await Call(Citizen, (s, c) => s.GetProject(new GetProjectRequest { Id = project.Id }, c));
        Assert.Equal((permit.ToString(), DelayRiskLevel.Red, "2026-02-27", "2026-01-05"),
            (read.DelayRisk.ApplicationId, read.DelayRisk.Level, read.DelayRisk.ApplicationDueOn, read.DelayRisk.RaisedOn));
        Assert.Equal(DelayRiskLevel.Red, read.Milestones.Single(m => m.Title == "Permit").DelayRiskLevel);
        var board = await Call(Citizen, (s, c) => s.GetPublicBoard(new GetPublicBoardRequest { Year = 2026 }, c));
        Assert.Equal((1, DelayRiskLevel.Red), (board.ProjectsAtRisk, board.Projects.Single().DelayRisk.Level));
        var atRisk = await Call(Citizen, (s, c) => s.ListProjects(new ListProjectsRequest { AtRisk = true }, c));
        var notAtRisk = await Call(Citizen, (s, c) => s.ListProjects(new ListProjectsRequest { AtRisk = false }, c));
        Assert.Equal([project.Id], atRisk.Projects.Select(p => p.Id));
        Assert.Equal(3, notAtRisk.TotalSize);

        // the certificate completes the permit milestone, which clears the risk
        await using (var db = _database.NewContext())
        {
            var stored = await db.Projects.SingleAsync(p => p.Id == Guid.Parse(project.Id), TestContext.Current.CancellationToken);
            stored.CompleteMilestonesLinkedTo(permit, _clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        Assert.Empty((await Call(Citizen, (s, c) => s.ListProjects(new ListProjectsRequest { AtRisk = true }, c))).Projects);
        Assert.Null((await Call(Citizen, (s, c) => s.GetProject(new GetProjectRequest { Id = project.Id }, c))).DelayRisk);
    }
}
