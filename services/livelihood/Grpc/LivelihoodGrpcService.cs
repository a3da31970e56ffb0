using Grpc.Core;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using DomainCycle = Longgang.Livelihood.Domain.Cycle;
using DomainProject = Longgang.Livelihood.Domain.Project;
using ProtoCycle = Longgang.Livelihood.Contracts.V1.Cycle;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;
using CyclePhase = Longgang.Livelihood.Domain.CyclePhase;
using ProjectStatus = Longgang.Livelihood.Domain.ProjectStatus;
using VoteOutcome = Longgang.Livelihood.Domain.VoteOutcome;
using EvaluationTally = Longgang.Livelihood.Domain.EvaluationTally;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// The yearly cycle. Proposals are public to every signed-in caller (who proposed only to the proposer, the office and
/// city admins); the public board is anonymous; everything else follows <see cref="LivelihoodAccess"/>.
/// </summary>
public sealed class LivelihoodGrpcService(LivelihoodDbContext db, TimeProvider clock) : LivelihoodService.LivelihoodServiceBase
{
    private DateOnly Today => WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());

    // ---- proposals ----

    public override async Task<ProtoProject> ProposeProject(ProposeProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var draft = new ProjectDraft(request.Year, request.Title, LivelihoodMapping.FromProto(request.Category),
            request.DistrictCodes, request.EstimatedCostYuan, request.Rationale);
        var cycle = DomainProject.IsYearInRange(request.Year) ? await db.Cycles.FindAsync([request.Year], context.CancellationToken) : null;
        var project = DomainProject.Propose(draft, caller, cycle, clock.GetUtcNow());

        db.Projects.Add(project);
        db.AddIntegrationEvent(new ProjectProposed(project.Id, project.Year, CategoryNames.Of(project.Category),
            project.DistrictCodes, project.EstimatedCostYuan, project.ProposedAt));
        await SaveAsync(context.CancellationToken);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    public override async Task<ProtoProject> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(request.Id, "id"), request.Id, tracked: false, context.CancellationToken);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    public override async Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        new Validator()
            .Require(DomainProject.IsYearInRange(request.Year), "year", $"must be between {DomainProject.MinYear} and {DomainProject.MaxYear}")
            .Require(request.PageSize >= 0, "pageSize", "must not be negative")
            .Require(PageToken.TryDecode(request.PageToken, out var offset), "pageToken", "is not a token this API issued")
            .ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? PageToken.DefaultPageSize : Math.Min(request.PageSize, PageToken.MaxPageSize);

        var page = await db.Projects.AsNoTracking().Where(p => p.Year == request.Year)
            .OrderBy(p => p.ProposedAt).ThenBy(p => p.Id)
            .Skip(offset).Take(pageSize + 1).ToListAsync(context.CancellationToken);
        var today = Today;
        var response = new ListProjectsResponse { Projects = { page.Take(pageSize).Select(p => LivelihoodMapping.ToProto(p, caller, today)) } };
        if (page.Count > pageSize) response.NextPageToken = PageToken.Encode(offset + pageSize);
        return response;
    }

    // ---- the cycle ----

    public override async Task<ProtoCycle> OpenCycle(OpenCycleRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var rules = new CycleRules(request.Year, LivelihoodMapping.FromProto(request.BallotKind), request.Slots, request.MinimumSupport,
            [.. request.CategoryEnvelopes.Select(e => new Domain.Envelope(e.Key, e.LimitYuan))],
            [.. request.DistrictEnvelopes.Select(e => new Domain.Envelope(e.Key, e.LimitYuan))]);
        var cycle = DomainCycle.Open(rules, clock.GetUtcNow());
        if (await db.Cycles.AnyAsync(c => c.Year == cycle.Year, context.CancellationToken))
            throw new ConflictException($"The {cycle.Year} cycle is already open.");
        db.Cycles.Add(cycle);
        await SaveRefusingDuplicatesAsync($"The {cycle.Year} cycle is already open.", context.CancellationToken);
        return LivelihoodMapping.ToProto(cycle, 0);
    }

    public override async Task<ProtoCycle> GetCycle(GetCycleRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureMaySeeCycle(context.GetCaller());
        var cycle = await FindCycleAsync(request.Year, context.CancellationToken);
        return await ToProtoAsync(cycle, context.CancellationToken);
    }

    public override async Task<ProtoCycle> AdvanceCycle(AdvanceCycleRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var to = LivelihoodMapping.FromProto(request.Phase) ?? throw new ValidationFailedException("phase", "is required, the next phase");
        var cycle = await FindCycleAsync(request.Year, context.CancellationToken);
        var ct = context.CancellationToken;
        var projects = await db.Projects.Where(p => p.Year == cycle.Year).OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).ToListAsync(ct);
        if (to == CyclePhase.CandidateList && cycle.Phase == CyclePhase.Screening)
        {
            var unscreened = projects.Count(p => p.Status == ProjectStatus.Proposed);
            if (unscreened > 0) throw new ConflictException($"{unscreened} proposals are not screened yet.");
            var candidates = projects.Where(p => p.Status == ProjectStatus.Candidate).ToList();
            if (candidates.Count <= cycle.Slots)
                throw new ConflictException($"The candidate list needs more candidates than the {cycle.Slots} slots; there are {candidates.Count}.");
            cycle.Advance(to, clock.GetUtcNow());
            // the numbers printed on the ballot paper, in proposal order
            for (var i = 0; i < candidates.Count; i++) candidates[i].NumberAsCandidate(i + 1);
        }
        else
        {
            cycle.Advance(to, clock.GetUtcNow());
            if (to == CyclePhase.Closed) projects.ForEach(p => p.MarkEvaluated());
        }
        await SaveAsync(ct);
        return await ToProtoAsync(cycle, ct);
    }

    public override async Task<ProtoCycle> SetBudget(SetBudgetRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var cycle = await FindCycleAsync(request.Year, context.CancellationToken);
        cycle.SetBudget(LivelihoodMapping.Figures(request.LivelihoodSpendingYuan, request.PreviousLivelihoodSpendingYuan,
            request.FiscalCapacityYuan, request.PreviousFiscalCapacityYuan));
        await SaveAsync(context.CancellationToken);
        return await ToProtoAsync(cycle, context.CancellationToken);
    }

    public override async Task<ProtoCycle> RecordFinalAccounts(RecordFinalAccountsRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var cycle = await FindCycleAsync(request.Year, context.CancellationToken);
        cycle.RecordFinalAccounts(LivelihoodMapping.Figures(request.LivelihoodSpendingYuan, request.PreviousLivelihoodSpendingYuan,
            request.FiscalCapacityYuan, request.PreviousFiscalCapacityYuan));
        await SaveAsync(context.CancellationToken);
        return await ToProtoAsync(cycle, context.CancellationToken);
    }

    // ---- screening ----

    public override Task<ProtoProject> AcceptCandidate(AcceptCandidateRequest request, ServerCallContext context) =>
        ScreenAsync(request.Id, context, (project, cycle) =>
            project.AcceptAsCandidate(cycle, request.OwningDepartmentCode, request.EstimatedCostYuan,
                LivelihoodMapping.ParseDate(request.CompletionDate, "completionDate")));

    public override Task<ProtoProject> ScreenOutProject(ScreenOutProjectRequest request, ServerCallContext context) =>
        ScreenAsync(request.Id, context, (project, cycle) => project.ScreenOut(cycle, request.Reason));

    public override async Task<ProtoProject> MergeProject(MergeProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        LivelihoodAccess.EnsureOffice(caller);
        var ct = context.CancellationToken;
        var duplicateId = LivelihoodMapping.ParseId(request.Id, "id");
        var targetId = LivelihoodMapping.ParseId(request.IntoProjectId, "intoProjectId");
        var duplicate = await FindProjectAsync(duplicateId, request.Id, tracked: true, ct);
        var target = await FindProjectAsync(targetId, request.IntoProjectId, tracked: true, ct);
        duplicate.MergeInto(await FindCycleAsync(duplicate.Year, ct), target);
        await SaveAsync(ct);
        return LivelihoodMapping.ToProto(target, caller, Today);
    }

    private async Task<ProtoProject> ScreenAsync(string id, ServerCallContext context, Action<DomainProject, DomainCycle> screen)
    {
        var caller = context.GetCaller();
        LivelihoodAccess.EnsureOffice(caller);
        var ct = context.CancellationToken;
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(id, "id"), id, tracked: true, ct);
        screen(project, await FindCycleAsync(project.Year, ct));
        await SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    // ---- the vote ----

    public override async Task<CastBallotResponse> CastBallot(CastBallotRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        LivelihoodAccess.EnsureDeputy(caller);
        var ct = context.CancellationToken;
        var choices = request.ProjectIds.Select(id => LivelihoodMapping.ParseId(id, "projectIds")).ToList();
        var cycle = await FindCycleAsync(request.Year, ct);
        cycle.EnsurePhase(CyclePhase.Vote, "Voting");
        var alreadyVoted = $"Deputy {caller.Subject} has already voted in {cycle.Year}.";
        if (await db.Ballots.AnyAsync(b => b.Year == cycle.Year && b.DeputyId == caller.Subject, ct)) throw new ConflictException(alreadyVoted);
        var candidates = await CandidatesAsync(cycle.Year, ct);
        var ballot = Ballot.Cast(cycle, caller.Subject, choices, candidates.Select(c => c.Id).ToHashSet(), BallotSource.InSession, clock.GetUtcNow());
        db.Ballots.Add(ballot);
        await SaveRefusingDuplicatesAsync(alreadyVoted, ct);
        return new CastBallotResponse { BallotId = ballot.Id.ToString(), Year = ballot.Year, Choices = ballot.Choices.Count };
    }

    public override async Task<ImportPaperBallotsResponse> ImportPaperBallots(ImportPaperBallotsRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var ct = context.CancellationToken;
        var cycle = await FindCycleAsync(request.Year, ct);
        cycle.EnsurePhase(CyclePhase.Vote, "Importing paper ballots");
        var candidates = await CandidatesAsync(cycle.Year, ct);
        var byNumber = candidates.Where(c => c.CandidateNumber is not null).ToDictionary(c => c.CandidateNumber!.Value, c => c.Id);
        var voted = (await db.Ballots.Where(b => b.Year == cycle.Year).Select(b => b.DeputyId).ToListAsync(ct)).ToHashSet();

        var import = PaperBallots.Read(request.Csv, cycle, byNumber, voted);
        var now = clock.GetUtcNow();
        foreach (var paper in import.Ballots)
            db.Ballots.Add(Ballot.Cast(cycle, paper.DeputyId, paper.Choices, byNumber.Values.ToHashSet(), BallotSource.Paper, now));
        await SaveRefusingDuplicatesAsync("A deputy in the file voted while it was imported; nothing was imported, import it again.", ct);
        return new ImportPaperBallotsResponse
        {
            Imported = import.Ballots.Count,
            Errors = { import.Errors.Select(e => new Contracts.V1.RowError { Line = e.Line, Error = e.Error }) },
        };
    }

    public override async Task<VoteCount> CountVotes(CountVotesRequest request, ServerCallContext context)
    {
        LivelihoodAccess.EnsureOffice(context.GetCaller());
        var ct = context.CancellationToken;
        var cycle = await FindCycleAsync(request.Year, ct);
        var now = clock.GetUtcNow();
        cycle.CloseVote(now);
        var candidates = await db.Projects.Where(p => p.Year == cycle.Year && p.Status == ProjectStatus.Candidate).ToListAsync(ct);
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.Year == cycle.Year).ToListAsync(ct);

        var counted = VoteCounting.Count(cycle.VoteRules(),
            [.. candidates.Select(c => new VoteCandidate(c.Id, c.EstimatedCostYuan, c.Category, c.DistrictCodes, c.ProposedAt))],
            [.. ballots.Select(b => (IReadOnlyList<Guid>)b.Choices)]);
        var byId = candidates.ToDictionary(c => c.Id);
        var response = new VoteCount { Year = cycle.Year, Ballots = ballots.Count, BudgetYuan = cycle.Budget!.LivelihoodSpendingYuan };
        foreach (var result in counted)
        {
            var project = byId[result.Id];
            project.ApplyVote(result);
            if (result.Outcome == VoteOutcome.Adopted)
            {
                response.AdoptedCostYuan += project.EstimatedCostYuan;
                db.AddIntegrationEvent(new ProjectAdopted(project.Id, project.Year, CategoryNames.Of(project.Category), project.DistrictCodes,
                    project.EstimatedCostYuan, project.OwningDepartmentCode!, now));
            }
            response.Candidates.Add(new Contracts.V1.CountedCandidate
            {
                ProjectId = project.Id.ToString(),
                Title = project.Title,
                CandidateNumber = project.CandidateNumber ?? 0,
                CostYuan = project.EstimatedCostYuan,
                Result = LivelihoodMapping.ToProto(project.Vote!),
            });
        }
        db.AddIntegrationEvent(new VoteCounted(cycle.Year, ballots.Count, response.BudgetYuan, response.AdoptedCostYuan,
            [.. counted.Where(c => c.Outcome == VoteOutcome.Adopted).Select(c => c.Id)], now));
        await SaveAsync(ct);
        return response;
    }

    // ---- implementation and evaluation ----

    public override async Task<ProtoProject> AddMilestone(AddMilestoneRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(request.ProjectId, "projectId"), request.ProjectId, tracked: true, ct);
        LivelihoodAccess.EnsureMayManage(caller, project);
        var linked = request.LinkedApplicationId.Length == 0 ? (Guid?)null
            : LivelihoodMapping.ParseId(request.LinkedApplicationId, "linkedApplicationId", "an approvals application");
        var draft = new MilestoneDraft(request.Title, request.Weight, LivelihoodMapping.ParseDate(request.DueDate, "dueDate"), linked, request.AmountYuan);
        project.AddMilestone(await FindCycleAsync(project.Year, ct), draft, clock.GetUtcNow());
        await SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    public override async Task<ProtoProject> CompleteMilestone(CompleteMilestoneRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var ct = context.CancellationToken;
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(request.ProjectId, "projectId"), request.ProjectId, tracked: true, ct);
        var milestoneId = LivelihoodMapping.ParseId(request.MilestoneId, "milestoneId", "milestone");
        LivelihoodAccess.EnsureMayManage(caller, project);
        var now = clock.GetUtcNow();
        project.CompleteMilestone(await FindCycleAsync(project.Year, ct), milestoneId, now);
        db.AddIntegrationEvent(new MilestoneCompleted(project.Id, milestoneId, null, project.ProgressPercent, now));
        await SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    public override async Task<ProtoProject> CarryOverProject(CarryOverProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        LivelihoodAccess.EnsureOffice(caller);
        var ct = context.CancellationToken;
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(request.Id, "id"), request.Id, tracked: true, ct);
        project.CarryOver(await FindCycleAsync(project.Year, ct), request.StageTarget);
        await SaveAsync(ct);
        return LivelihoodMapping.ToProto(project, caller, Today);
    }

    public override async Task<EvaluateProjectResponse> EvaluateProject(EvaluateProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        LivelihoodAccess.EnsureDeputy(caller);
        var ct = context.CancellationToken;
        var project = await FindProjectAsync(LivelihoodMapping.ParseId(request.Id, "id"), request.Id, tracked: false, ct);
        var rating = EvaluationRating.Rate(await FindCycleAsync(project.Year, ct), project, caller.Subject,
            LivelihoodMapping.FromProto(request.Rating), clock.GetUtcNow());
        var alreadyRated = $"Deputy {caller.Subject} has already evaluated this project.";
        if (await db.EvaluationRatings.AnyAsync(r => r.ProjectId == project.Id && r.DeputyId == caller.Subject, ct)) throw new ConflictException(alreadyRated);
        db.EvaluationRatings.Add(rating);
        await SaveRefusingDuplicatesAsync(alreadyRated, ct);
        return new EvaluateProjectResponse { ProjectId = project.Id.ToString(), Rating = request.Rating };
    }

    // ---- the public board ----

    [AllowAnonymous]
    public override async Task<PublicBoard> GetPublicBoard(GetPublicBoardRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cycle = await FindCycleAsync(request.Year, ct);
        var adopted = (await db.Projects.AsNoTracking().Where(p => p.Year == cycle.Year).ToListAsync(ct))
            .Where(p => p.IsAdopted).OrderBy(p => p.Vote?.Rank ?? int.MaxValue).ThenBy(p => p.Id).ToList();
        var published = cycle.Phase == CyclePhase.Closed;
        var ids = adopted.Select(p => p.Id).ToList();
        var ratings = published
            ? (await db.EvaluationRatings.AsNoTracking().Where(r => ids.Contains(r.ProjectId)).ToListAsync(ct)).ToLookup(r => r.ProjectId, r => r.Rating)
            : null;
        var today = Today;
        var board = new PublicBoard
        {
            Year = cycle.Year,
            Phase = (Contracts.V1.CyclePhase)(int)cycle.Phase,
            BudgetYuan = cycle.Budget?.LivelihoodSpendingYuan ?? 0,
            AdoptedCostYuan = adopted.Sum(p => p.EstimatedCostYuan),
            SpentYuan = adopted.Sum(p => p.SpentYuan),
            BudgetCheck = cycle.Budget is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.Budget)),
            FinalAccountsCheck = cycle.FinalAccounts is null ? null : LivelihoodMapping.ToProto(TwoThirdsRule.Check(cycle.FinalAccounts)),
            EvaluationPublished = published,
            Projects =
            {
                adopted.Select(p => new BoardProject
                {
                    Id = p.Id.ToString(), Title = p.Title, Category = (Contracts.V1.ProjectCategory)(int)p.Category,
                    DistrictCodes = { p.DistrictCodes }, CostYuan = p.EstimatedCostYuan, OwningDepartmentCode = p.OwningDepartmentCode ?? "",
                    CompletionDate = p.CompletionDate?.ToString(LivelihoodMapping.DateFormat) ?? "",
                    Status = (Contracts.V1.ProjectStatus)(int)p.StatusOn(today), ProgressPercent = p.ProgressPercent, SpentYuan = p.SpentYuan,
                    Evaluation = ratings is null ? null : LivelihoodMapping.ToProto(EvaluationTally.Of(ratings[p.Id])),
                }),
            },
            ByCategory = { Groups(adopted, p => [CategoryNames.Of(p.Category)]) },
            ByDistrict = { Groups(adopted, p => p.DistrictCodes) },
        };
        return board;
    }

    private static IEnumerable<BoardGroup> Groups(IReadOnlyList<DomainProject> projects, Func<DomainProject, IEnumerable<string>> keys) =>
        projects.SelectMany(p => keys(p).Select(key => (key, p))).GroupBy(x => x.key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardGroup
            {
                Key = g.Key,
                Projects = g.Count(),
                CostYuan = g.Sum(x => x.p.EstimatedCostYuan),
                SpentYuan = g.Sum(x => x.p.SpentYuan),
            });

    // ---- helpers ----

    private async Task<DomainCycle> FindCycleAsync(int year, CancellationToken ct)
    {
        if (!DomainProject.IsYearInRange(year))
            throw new ValidationFailedException("year", $"must be between {DomainProject.MinYear} and {DomainProject.MaxYear}");
        return await db.Cycles.FirstOrDefaultAsync(c => c.Year == year, ct) ?? throw new NotFoundException("Cycle", year.ToString());
    }

    private async Task<DomainProject> FindProjectAsync(Guid id, string shownId, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Projects : db.Projects.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("Project", shownId);
    }

    private Task<List<DomainProject>> CandidatesAsync(int year, CancellationToken ct) =>
        db.Projects.AsNoTracking().Where(p => p.Year == year && p.Status == ProjectStatus.Candidate).ToListAsync(ct);

    private async Task<ProtoCycle> ToProtoAsync(DomainCycle cycle, CancellationToken ct) =>
        LivelihoodMapping.ToProto(cycle, await db.Ballots.CountAsync(b => b.Year == cycle.Year, ct));

    private const string ChangedMeanwhile = "Someone else changed this at the same moment; read it again and retry.";

    private Task SaveAsync(CancellationToken ct) => SaveRefusingDuplicatesAsync(ChangedMeanwhile, ct);

    /// <summary>Two requests raced (a unique index or the revision): the loser gets a 409, and nothing of its change is stored.</summary>
    private Task SaveRefusingDuplicatesAsync(string conflict, CancellationToken ct) =>
        db.SaveOrConflictAsync(conflict, ct, changedMeanwhile: ChangedMeanwhile);
}
