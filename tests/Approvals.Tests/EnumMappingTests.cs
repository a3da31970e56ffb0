using Longgang.Platform.Api;
using Longgang.Platform.Testing;
using Proto = Longgang.Approvals.Contracts.V1;

namespace Longgang.Approvals.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="EnumPairs"/>).</summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Every_domain_enum_maps_to_its_proto_enum_both_ways() =>
        Assert.Empty(EnumPairs.Problems(typeof(Domain.Application),
        [
            (typeof(Domain.MatterKind), typeof(Proto.MatterKind)),
            (typeof(Domain.Channel), typeof(Proto.Channel)),
            (typeof(Domain.ApplicationStatus), typeof(Proto.ApplicationStatus)),
            (typeof(Domain.SuspensionKind), typeof(Proto.SuspensionKind)),
            (typeof(Domain.StepStatus), typeof(Proto.StepStatus)),
            (typeof(Domain.Decision), typeof(Proto.Decision)),
            (typeof(Domain.LedgerAction), typeof(Proto.LedgerAction)),
            (typeof(Domain.WarningLevel), typeof(Proto.WarningLevel)),
            (typeof(Domain.WarningScope), typeof(Proto.WarningScope)),
            (typeof(Domain.WorkKind), typeof(Proto.WorkKind)),
            (typeof(Domain.DocumentKind), typeof(Proto.DocumentKind)),
            (typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis)),
            (typeof(Domain.MaterialEvidence), typeof(Proto.MaterialEvidence)),
            (typeof(Longgang.Platform.Files.FileScanStatus), typeof(Proto.FileScanStatus)),
            (typeof(Longgang.Platform.Notifications.NotificationStatus), typeof(Proto.NotificationStatus)),
            (typeof(Longgang.Platform.Notifications.NotificationChannel), typeof(Proto.NotificationChannel)),
        ]));

    [Fact]
    public void The_check_reports_a_pair_that_does_not_map() =>
        Assert.Contains("Channel.Online (1) is WARNING_LEVEL_YELLOW on the wire, expected WARNING_LEVEL_ONLINE",
            ProtoEnums.Mismatches(typeof(Domain.Channel), typeof(Proto.WarningLevel)));

    [Fact]
    public void The_check_reports_a_domain_enum_without_a_pair() =>
        Assert.Contains("Channel has no proto enum paired with it", EnumPairs.Problems(typeof(Domain.Application), []));
}
