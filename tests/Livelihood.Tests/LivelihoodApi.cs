using Longgang.Livelihood.Data;
using Longgang.Livelihood.Grpc;

namespace Longgang.Livelihood.Tests;

internal static class LivelihoodApi
{
    /// <summary>The gRPC service as the host composes it from its per-resource classes, over one context.</summary>
    public static LivelihoodGrpcService Over(LivelihoodDbContext db, TimeProvider clock) => new(
        new ProposalRequests(db, clock), new ProjectLists(db, clock), new CycleRequests(db, clock), new ScreeningRequests(db, clock),
        new VoteRequests(db, clock),
        new ImplementationRequests(db, clock), new EvaluationRequests(db, clock), new PublicBoardQuery(db, clock));
}
