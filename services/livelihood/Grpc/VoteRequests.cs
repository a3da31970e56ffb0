using Google.Protobuf.WellKnownTypes;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Ballot = Longgang.Livelihood.Domain.Ballot;

namespace Longgang.Livelihood.Grpc;

/// <summary>The vote: deputies cast their own ballot, the livelihood office imports paper ballots and counts.</summary>
public sealed class VoteRequests(LivelihoodDbContext db, TimeProvider clock, PlatformText text)
{
    public async Task<CastBallotResponse> CastAsync(CastBallotRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureDeputy(caller);
        var choices = request.ProjectIds.Select(id => RequestParsing.Id(id, "projectIds", "a project id")).ToList();
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var alreadyVoted = await db.Ballots.AnyAsync(b => b.Year == cycle.Year && b.DeputyId == caller.Subject, ct);
        var candidates = await db.CandidatesAsync(cycle.Year, tracked: false, ct);
        var ballot = Ballot.Cast(cycle, caller.Subject, alreadyVoted, choices, candidates.Select(c => c.Id).ToHashSet(), BallotSource.InSession,
            clock.GetUtcNow());
        db.Ballots.Add(ballot);
        await db.SaveRefusingDuplicatesAsync(Ballot.AlreadyVoted(caller.Subject, cycle.Year), ct);
        return new CastBallotResponse { BallotId = ballot.Id.ToString(), Year = ballot.Year, Choices = ballot.Choices.Count };
    }

    public async Task<Contracts.V1.Ballot> GetMineAsync(GetMyBallotRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureDeputy(caller);
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var ballot = await db.Ballots.AsNoTracking().FirstOrDefaultAsync(b => b.Year == cycle.Year && b.DeputyId == caller.Subject, ct)
            ?? throw new NotFoundException("Ballot", $"{caller.Subject}/{cycle.Year}");
        var choices = ballot.Choices.ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => choices.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return new Contracts.V1.Ballot
        {
            Id = ballot.Id.ToString(),
            Year = ballot.Year,
            Choices =
            {
                ballot.Choices.Select(id => new BallotChoice
                {
                    ProjectId = id.ToString(),
                    Title = projects.TryGetValue(id, out var p) ? p.Title : "",
                    CandidateNumber = projects.TryGetValue(id, out var n) ? n.CandidateNumber ?? 0 : 0,
                }),
            },
            CastAt = Timestamp.FromDateTimeOffset(ballot.CastAt),
            CastOn = LivelihoodMapping.ChinaDate(ballot.CastAt),
        };
    }

    public async Task<ImportPaperBallotsResponse> ImportAsync(ImportPaperBallotsRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var candidates = await db.CandidatesAsync(cycle.Year, tracked: false, ct);
        var byNumber = candidates.Where(c => c.CandidateNumber is not null).ToDictionary(c => c.CandidateNumber!.Value, c => c.Id);
        var voted = (await db.Ballots.Where(b => b.Year == cycle.Year).Select(b => b.DeputyId).ToListAsync(ct)).ToHashSet();

        var import = PaperBallots.Read(request.Csv, cycle, byNumber, voted);
        var now = clock.GetUtcNow();
        // the file's rows were checked against the ballots cast so far and against each other
        foreach (var paper in import.Ballots)
            db.Ballots.Add(Ballot.Cast(cycle, paper.DeputyId, alreadyVoted: false, paper.Choices, byNumber.Values.ToHashSet(), BallotSource.Paper, now));
        await db.SaveRefusingDuplicatesAsync("A deputy in the file voted while it was imported; nothing was imported, import it again.", ct);
        return new ImportPaperBallotsResponse
        {
            Imported = import.Ballots.Count,
            Errors = { import.Errors.Select(e => new Contracts.V1.RowError { Line = e.Line, Error = text[e.Error] }) },
        };
    }

    public async Task<VoteCount> CountAsync(CountVotesRequest request, Caller caller, CancellationToken ct)
    {
        LivelihoodAccess.EnsureOffice(caller);
        var cycle = await db.FindCycleAsync(request.Year, ct);
        var candidates = await db.CandidatesAsync(cycle.Year, tracked: true, ct);
        var ballots = await db.Ballots.AsNoTracking().Where(b => b.Year == cycle.Year).ToListAsync(ct);
        var carriedOver = await db.Projects.AsNoTracking().Where(p => p.CarriedOverToYear == cycle.Year).ToListAsync(ct);
        var count = cycle.CountVote(candidates, ballots, carriedOver, clock.GetUtcNow());
        await db.SaveAsync(ct);
        return new VoteCount
        {
            Year = count.Year,
            Ballots = count.Ballots,
            BudgetYuan = count.BudgetYuan,
            CarriedOverCostYuan = count.CarriedOverCostYuan,
            AdoptedCostYuan = count.AdoptedCostYuan,
            Candidates =
            {
                count.Candidates.Select(project => new Contracts.V1.CountedCandidate
                {
                    ProjectId = project.Id.ToString(),
                    Title = project.Title,
                    CandidateNumber = project.CandidateNumber ?? 0,
                    CostYuan = project.EstimatedCostYuan,
                    Result = LivelihoodMapping.ToProto(project.Vote!),
                }),
            },
        };
    }
}
