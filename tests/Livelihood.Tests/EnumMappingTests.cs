using Longgang.Platform.Testing;
using Proto = Longgang.Livelihood.Contracts.V1;

namespace Longgang.Livelihood.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="EnumPairs"/>).</summary>
public sealed class EnumMappingTests
{
    /// <summary>Never on the wire: whether a ballot was cast in session or imported from paper is kept for the record only.</summary>
    private static readonly Type[] DomainOnly = [typeof(Domain.BallotSource)];

    [Fact]
    public void Every_domain_enum_maps_to_its_proto_enum_both_ways() =>
        Assert.Empty(EnumPairs.Problems(typeof(Domain.Project),
        [
            (typeof(Domain.ProjectCategory), typeof(Proto.ProjectCategory)),
            (typeof(Domain.ProposerKind), typeof(Proto.ProposerKind)),
            (typeof(Domain.ProjectStatus), typeof(Proto.ProjectStatus)),
            (typeof(Domain.CyclePhase), typeof(Proto.CyclePhase)),
            (typeof(Domain.BallotKind), typeof(Proto.BallotKind)),
            (typeof(Domain.VoteOutcome), typeof(Proto.VoteOutcome)),
            (typeof(Domain.Satisfaction), typeof(Proto.Satisfaction)),
            (typeof(Domain.DelayRiskLevel), typeof(Proto.DelayRiskLevel)),
            (typeof(Longgang.Platform.Notifications.NotificationStatus), typeof(Proto.NotificationStatus)),
        ], DomainOnly));
}
