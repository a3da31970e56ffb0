using Longgang.Platform.Api;
using Proto = Longgang.Livelihood.Contracts.V1;

namespace Longgang.Livelihood.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="ProtoEnums"/>).</summary>
public sealed class EnumMappingTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Domain.ProjectCategory), typeof(Proto.ProjectCategory) },
        { typeof(Domain.ProposerKind), typeof(Proto.ProposerKind) },
        { typeof(Domain.ProjectStatus), typeof(Proto.ProjectStatus) },
        { typeof(Domain.CyclePhase), typeof(Proto.CyclePhase) },
        { typeof(Domain.BallotKind), typeof(Proto.BallotKind) },
        { typeof(Domain.VoteOutcome), typeof(Proto.VoteOutcome) },
        { typeof(Domain.Satisfaction), typeof(Proto.Satisfaction) },
    };

    /// <summary>Never on the wire: whether a ballot was cast in session or imported from paper is kept for the record only.</summary>
    private static readonly Type[] DomainOnly = [typeof(Domain.BallotSource)];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_and_proto_enums_map_both_ways(Type domain, Type proto) =>
        Assert.Empty(ProtoEnums.Mismatches(domain, proto));

    [Fact]
    public void Every_domain_enum_has_a_pair() =>
        Assert.Empty(typeof(Domain.Project).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(Domain.Project).Namespace)
            .Except(Pairs.Select(p => p.Data.Item1))
            .Except(DomainOnly));

    [Fact]
    public void The_check_reports_a_pair_that_does_not_map() =>
        Assert.Contains("BallotKind.Ranking (2) is SATISFACTION_BASICALLY_SATISFIED on the wire, expected SATISFACTION_RANKING",
            ProtoEnums.Mismatches(typeof(Domain.BallotKind), typeof(Proto.Satisfaction)));
}
