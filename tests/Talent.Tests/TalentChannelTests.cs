using Longgang.Platform.Errors;
using Longgang.Talent.Domain;
using static Longgang.Talent.Tests.Callers;

namespace Longgang.Talent.Tests;

/// <summary>Issue 18: certifications, programmes and positions carry their channel (内育/外引/共建); a new record must name one.</summary>
public sealed class TalentChannelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly string[] TierCodes = ["A", "B", "C", "D", "E"];

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    public void A_certification_names_its_channel(int? number)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Certification.Apply(TalentFixtures.TierC,
            new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "manufacturing", null, [], Channel: (TalentChannel?)number), Applicant, Now));

        Assert.Equal(["channel"], error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    public void A_programme_names_its_channel(int? number)
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            Programme.Create(TalentFixtures.HousingDraft() with { Channel = (TalentChannel?)number }, TierCodes, TalentClerk));

        Assert.Equal(["channel"], error.FieldErrors.Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(4)]
    public void A_position_names_its_channel(int? number)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Position.Post(
            new PositionDraft("Robotics lead", "manufacturing", "C", "district-03", "Longgang Robotics Ltd", (TalentChannel?)number), TierCodes, Employer, Now));

        Assert.Equal(["channel"], error.FieldErrors.Keys);
    }

    [Fact]
    public void Each_record_keeps_the_channel_it_was_made_with()
    {
        var certification = Certification.Apply(TalentFixtures.TierC, new CertificationDraft("C", "Li Wei", "Longgang Robotics Ltd", "manufacturing",
            null, [], Channel: TalentChannel.JointBuilding), Applicant, Now);
        var programme = Programme.Create(TalentFixtures.HousingDraft() with { Channel = TalentChannel.ExternalRecruitment }, TierCodes, TalentClerk);
        var position = Position.Post(new PositionDraft("Robotics lead", "manufacturing", "C", "district-03", "Longgang Robotics Ltd",
            TalentChannel.InternalCultivation), TierCodes, Employer, Now);

        Assert.Equal((TalentChannel.JointBuilding, TalentChannel.ExternalRecruitment, TalentChannel.InternalCultivation),
            (certification.Channel, programme.Channel, position.Channel));
    }
}
