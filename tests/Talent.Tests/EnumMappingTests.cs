using Longgang.Platform.Testing;
using Proto = Longgang.Talent.Contracts.V1;

namespace Longgang.Talent.Tests;

/// <summary>
/// Every domain enum maps to its proto enum both ways, by number and by name (see <see cref="EnumPairs"/>).
/// ObjectionRuling has no domain enum: an objection's ruling is a yes/no (<see cref="Domain.Objection.Upheld"/>).
/// </summary>
public sealed class EnumMappingTests
{
    [Fact]
    public void Every_domain_enum_maps_to_its_proto_enum_both_ways() =>
        Assert.Empty(EnumPairs.Problems(typeof(Domain.Certification),
        [
            (typeof(Domain.CertificationStatus), typeof(Proto.CertificationStatus)),
            (typeof(Domain.ReviewDecision), typeof(Proto.ReviewDecision)),
            (typeof(Domain.ProgrammeKind), typeof(Proto.ProgrammeKind)),
            (typeof(Domain.TalentChannel), typeof(Proto.TalentChannel)),
            (typeof(Domain.ClaimStatus), typeof(Proto.ClaimStatus)),
            (typeof(Domain.PositionStatus), typeof(Proto.PositionStatus)),
            (typeof(Domain.PositionApplicationStatus), typeof(Proto.PositionApplicationStatus)),
            (typeof(Longgang.Platform.Calendar.CalendarBasis), typeof(Proto.CalendarBasis)),
            (typeof(Longgang.Platform.Notifications.NotificationStatus), typeof(Proto.NotificationStatus)),
        ]));
}
