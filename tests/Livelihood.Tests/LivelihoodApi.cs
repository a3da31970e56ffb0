using Longgang.Livelihood.Data;
using Longgang.Livelihood.Grpc;
using Longgang.Platform.Localization;
using Longgang.Platform.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Livelihood.Tests;

internal static class LivelihoodApi
{
    /// <summary>The translations as the host registers them: the service's own, then the platform's.</summary>
    public static PlatformText Text { get; } = new ServiceCollection().AddLogging()
        .AddPlatformText<Resources.Messages>().AddPlatformText<Platform.Localization.Resources.Messages>()
        .BuildServiceProvider().GetRequiredService<PlatformText>();

    /// <summary>The gRPC service as the host composes it from its per-resource classes, over one context.</summary>
    public static LivelihoodGrpcService Over(LivelihoodDbContext db, TimeProvider clock) => new(
        new ProposalRequests(db, clock), new ProjectLists(db, clock), new CycleRequests(db, clock, Text), new ScreeningRequests(db, clock),
        new VoteRequests(db, clock, Text),
        new ImplementationRequests(db, clock), new EvaluationRequests(db, clock), new PublicBoardQuery(db, clock, Text),
        new MyDataRequests(db, clock), new PersonalDataReadRecorder<LivelihoodDbContext>(db, clock));
}
