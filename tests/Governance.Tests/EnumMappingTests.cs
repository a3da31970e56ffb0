using Longgang.Platform.Api;
using Proto = Longgang.Governance.Contracts.V1;

namespace Longgang.Governance.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="ProtoEnums"/>).</summary>
public sealed class EnumMappingTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Domain.CaseSource), typeof(Proto.CaseSource) },
        { typeof(Domain.CaseStatus), typeof(Proto.CaseStatus) },
        { typeof(Domain.AssigneeKind), typeof(Proto.AssigneeKind) },
        { typeof(Domain.ClosureReason), typeof(Proto.ClosureReason) },
        { typeof(Domain.EscalationLevel), typeof(Proto.EscalationLevel) },
        { typeof(Domain.MeetingStatus), typeof(Proto.MeetingStatus) },
        { typeof(Domain.MediationStatus), typeof(Proto.MediationStatus) },
        { typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_and_proto_enums_map_both_ways(Type domain, Type proto) =>
        Assert.Empty(ProtoEnums.Mismatches(domain, proto));

    [Fact]
    public void Every_domain_enum_has_a_pair() =>
        Assert.Empty(typeof(Domain.Case).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(Domain.Case).Namespace)
            .Except(Pairs.Select(p => p.Data.Item1)));
}
