using Grpc.Core;
using Longgang.Livelihood.Contracts.V1;
using Longgang.Livelihood.Data;
using Longgang.Platform.Privacy;
using Longgang.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using ProtoCycle = Longgang.Livelihood.Contracts.V1.Cycle;
using ProtoProject = Longgang.Livelihood.Contracts.V1.Project;

namespace Longgang.Livelihood.Grpc;

/// <summary>
/// The API over the domain, one class per resource: each parses, loads, lets the domain decide (who, then input, then
/// state), and saves the change with its events in one transaction. Proposals are public to every signed-in caller;
/// the public board is anonymous; everything else follows <see cref="Domain.LivelihoodAccess"/>.
/// </summary>
public sealed class LivelihoodGrpcService(
    ProposalRequests proposals, ProjectLists projectLists, CycleRequests cycles, ScreeningRequests screening, VoteRequests votes,
    ImplementationRequests implementation, EvaluationRequests evaluations, PublicBoardQuery board,
    MyDataRequests myData, PersonalDataReadRecorder<LivelihoodDbContext> reads)
    : LivelihoodService.LivelihoodServiceBase
{
    // ---- proposals ----

    public override Task<ProtoProject> ProposeProject(ProposeProjectRequest request, ServerCallContext context) =>
        proposals.ProposeAsync(request, context.GetCaller(), context.CancellationToken);

    public override async Task<ProtoProject> GetProject(GetProjectRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var project = await proposals.GetAsync(request, caller, context.CancellationToken);
        // proposals are public; who proposed is shown only to the proposer, the office and city admins, and a citizen's
        // name on a proposal is their personal data
        if (project.HasProposerId && project.ProposerKind == ProposerKind.Citizen)
            await reads.RecordAsync(context, caller, project.ProposerId, MyDataRequests.ProjectRecord, project.Id);
        return project;
    }

    public override Task<ListProjectsResponse> ListProjects(ListProjectsRequest request, ServerCallContext context) =>
        projectLists.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListPendingEvaluationsResponse> ListPendingEvaluations(ListPendingEvaluationsRequest request, ServerCallContext context) =>
        projectLists.ListPendingEvaluationsAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- the cycle ----

    public override Task<ProtoCycle> OpenCycle(OpenCycleRequest request, ServerCallContext context) =>
        cycles.OpenAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ListCyclesResponse> ListCycles(ListCyclesRequest request, ServerCallContext context) =>
        cycles.ListAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCycle> GetCycle(GetCycleRequest request, ServerCallContext context) =>
        cycles.GetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCycle> AdvanceCycle(AdvanceCycleRequest request, ServerCallContext context) =>
        cycles.AdvanceAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCycle> SetBudget(SetBudgetRequest request, ServerCallContext context) =>
        cycles.SetBudgetAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoCycle> RecordFinalAccounts(RecordFinalAccountsRequest request, ServerCallContext context) =>
        cycles.RecordFinalAccountsAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- screening ----

    public override Task<ProtoProject> AcceptCandidate(AcceptCandidateRequest request, ServerCallContext context) =>
        screening.AcceptAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoProject> ScreenOutProject(ScreenOutProjectRequest request, ServerCallContext context) =>
        screening.ScreenOutAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoProject> MergeProject(MergeProjectRequest request, ServerCallContext context) =>
        screening.MergeAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- the vote ----

    public override Task<CastBallotResponse> CastBallot(CastBallotRequest request, ServerCallContext context) =>
        votes.CastAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<Contracts.V1.Ballot> GetMyBallot(GetMyBallotRequest request, ServerCallContext context) =>
        votes.GetMineAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ImportPaperBallotsResponse> ImportPaperBallots(ImportPaperBallotsRequest request, ServerCallContext context) =>
        votes.ImportAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<VoteCount> CountVotes(CountVotesRequest request, ServerCallContext context) =>
        votes.CountAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- implementation and evaluation ----

    public override Task<ProtoProject> AddMilestone(AddMilestoneRequest request, ServerCallContext context) =>
        implementation.AddMilestoneAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoProject> CompleteMilestone(CompleteMilestoneRequest request, ServerCallContext context) =>
        implementation.CompleteMilestoneAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<ProtoProject> CarryOverProject(CarryOverProjectRequest request, ServerCallContext context) =>
        implementation.CarryOverAsync(request, context.GetCaller(), context.CancellationToken);

    public override Task<EvaluateProjectResponse> EvaluateProject(EvaluateProjectRequest request, ServerCallContext context) =>
        evaluations.EvaluateAsync(request, context.GetCaller(), context.CancellationToken);

    // ---- the public board ----

    [AllowAnonymous]
    public override Task<PublicBoard> GetPublicBoard(GetPublicBoardRequest request, ServerCallContext context) =>
        board.GetAsync(request, context.CancellationToken);

    // ---- the citizen's own data ----

    public override Task<MyData> GetMyData(GetMyDataRequest request, ServerCallContext context) =>
        myData.GetAsync(context.GetCaller(), context.CancellationToken);

    public override Task<ListMyDataReadsResponse> ListMyDataReads(ListMyDataReadsRequest request, ServerCallContext context) =>
        myData.ListReadsAsync(request, context.GetCaller(), context.CancellationToken);
}
