using Longgang.Platform.Api;
using Proto = Longgang.Approvals.Contracts.V1;

namespace Longgang.Approvals.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="ProtoEnums"/>).</summary>
public sealed class EnumMappingTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Domain.MatterKind), typeof(Proto.MatterKind) },
        { typeof(Domain.SubmissionChannel), typeof(Proto.Channel) },
        { typeof(Domain.ApplicationStatus), typeof(Proto.ApplicationStatus) },
        { typeof(Domain.SuspensionKind), typeof(Proto.SuspensionKind) },
        { typeof(Domain.StepStatus), typeof(Proto.StepStatus) },
        { typeof(Domain.Decision), typeof(Proto.Decision) },
        { typeof(Domain.LedgerAction), typeof(Proto.LedgerAction) },
        { typeof(Domain.WarningLevel), typeof(Proto.WarningLevel) },
        { typeof(Domain.WarningScope), typeof(Proto.WarningScope) },
        { typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_and_proto_enums_map_both_ways(Type domain, Type proto) =>
        Assert.Empty(ProtoEnums.Mismatches(domain, proto));

    [Fact]
    public void Every_domain_enum_has_a_pair() =>
        Assert.Empty(typeof(Domain.Application).Assembly.GetTypes()
            .Where(t => t.IsEnum && t.Namespace == typeof(Domain.Application).Namespace)
            .Except(Pairs.Select(p => p.Data.Item1)));

    [Fact]
    public void The_check_reports_a_pair_that_does_not_map() =>
        Assert.Contains("SubmissionChannel.Online (1) is WARNING_LEVEL_YELLOW on the wire, expected WARNING_LEVEL_ONLINE",
            ProtoEnums.Mismatches(typeof(Domain.SubmissionChannel), typeof(Proto.WarningLevel)));
}
