using Longgang.Platform.Api;
using Proto = Longgang.Talent.Contracts.V1;

namespace Longgang.Talent.Tests;

/// <summary>
/// Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="ProtoEnums"/>).
/// ObjectionRuling has no domain enum: an objection's ruling is a yes/no (<see cref="Domain.Objection.Upheld"/>).
/// </summary>
public sealed class EnumMappingTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Domain.CertificationStatus), typeof(Proto.CertificationStatus) },
        { typeof(Domain.ReviewDecision), typeof(Proto.ReviewDecision) },
        { typeof(Domain.ProgrammeKind), typeof(Proto.ProgrammeKind) },
        { typeof(Domain.ClaimStatus), typeof(Proto.ClaimStatus) },
        { typeof(Domain.PositionStatus), typeof(Proto.PositionStatus) },
        { typeof(Domain.PositionApplicationStatus), typeof(Proto.PositionApplicationStatus) },
        { typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_and_proto_enums_map_both_ways(Type domain, Type proto) =>
        Assert.Empty(ProtoEnums.Mismatches(domain, proto));

    [Fact]
    public void Every_domain_enum_has_a_pair() =>
        Assert.Empty(typeof(Domain.Certification).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(Domain.Certification).Namespace)
            .Except(Pairs.Select(p => p.Data.Item1)));

    [Fact]
    public void The_check_reports_a_pair_that_does_not_map() =>
        Assert.Contains("ClaimStatus.Validated (1) is POSITION_STATUS_OPEN on the wire, expected POSITION_STATUS_VALIDATED",
            ProtoEnums.Mismatches(typeof(Domain.ClaimStatus), typeof(Proto.PositionStatus)));
}
