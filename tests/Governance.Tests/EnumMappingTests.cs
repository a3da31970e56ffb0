using Longgang.Platform.Testing;
using Proto = Longgang.Governance.Contracts.V1;

namespace Longgang.Governance.Tests;

/// <summary>Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="EnumPairs"/>).</summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Every_domain_enum_maps_to_its_proto_enum_both_ways() =>
        Assert.Empty(EnumPairs.Problems(typeof(Domain.Case),
        [
            (typeof(Domain.CaseSource), typeof(Proto.CaseSource)),
            (typeof(Domain.CaseStatus), typeof(Proto.CaseStatus)),
            (typeof(Domain.AssigneeKind), typeof(Proto.AssigneeKind)),
            (typeof(Domain.ClosureReason), typeof(Proto.ClosureReason)),
            (typeof(Domain.EscalationLevel), typeof(Proto.EscalationLevel)),
            (typeof(Domain.MeetingStatus), typeof(Proto.MeetingStatus)),
            (typeof(Domain.MediationStatus), typeof(Proto.MediationStatus)),
            (typeof(Domain.RoomKind), typeof(Proto.RoomKind)),
            (typeof(Domain.OrganisationKind), typeof(Proto.OrganisationKind)),
            (typeof(Domain.ConsultationStatus), typeof(Proto.ConsultationStatus)),
            (typeof(Domain.PostKind), typeof(Proto.PostKind)),
            (typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis)),
            (typeof(Longgang.Platform.Files.FileScanStatus), typeof(Proto.FileScanStatus)),
            (typeof(Longgang.Platform.Notifications.NotificationStatus), typeof(Proto.NotificationStatus)),
        ]));
}
