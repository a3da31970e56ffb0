using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class DeliberationMeetingTests
{
    private static readonly DateTimeOffset Now = new(2025, 5, 6, 15, 0, 0, TimeSpan.FromHours(8));
    private static readonly IReadOnlySet<string> Categories = new HashSet<string> { "TRANSPORT", "EDUCATION", "ELDERLY_CARE" };

    private static DeliberationMeeting Scheduled() => DeliberationMeeting.Schedule(
        new MeetingDraft("district-03", "Spring residents' meeting", new DateOnly(2025, 5, 6), ["bus stop by the market", "night market noise"]),
        Callers.DistrictAdmin("district-03"), Now);

    private static ResolutionDraft Proposal(string category = "TRANSPORT", int year = 2026, long? cost = 800_000) =>
        new("Ask for a sheltered bus stop by the market", true, "Sheltered bus stop at Longgang market", category,
            "Three hundred residents wait in the rain every morning.", cost, year);

    [Fact]
    public void Scheduling_names_every_bad_field()
    {
        var error = Assert.Throws<ValidationFailedException>(() => DeliberationMeeting.Schedule(
            new MeetingDraft("district-99", " ", null, []), Callers.CityAdmin(), Now));

        Assert.Equal(["agenda", "districtCode", "heldOn", "title"], error.FieldErrors.Keys.Order());
    }

    [Fact]
    public void Only_the_districts_admin_or_a_city_admin_schedules()
    {
        var draft = new MeetingDraft("district-03", "Meeting", new DateOnly(2025, 5, 6), ["item"]);

        Assert.Throws<ForbiddenException>(() => DeliberationMeeting.Schedule(draft, Callers.DistrictAdmin("district-05"), Now));
        Assert.Throws<ForbiddenException>(() => DeliberationMeeting.Schedule(draft, Callers.GridWorker("district-03"), Now));
        Assert.Throws<ForbiddenException>(() => DeliberationMeeting.Schedule(draft, Callers.Citizen(), Now));
        Assert.Equal(MeetingStatus.Scheduled, DeliberationMeeting.Schedule(draft, Callers.CityAdmin(), Now).Status);
    }

    [Fact]
    public void Recording_the_outcome_publishes_each_livelihood_proposal_and_nothing_for_other_resolutions()
    {
        var meeting = Scheduled();
        var plain = new ResolutionDraft("Ask the night market to close at 22:00", false, null, null, null, null, 0);

        meeting.RecordOutcome(Callers.DistrictAdmin("district-03"), ["Wang Wei", "Li Na"], "Residents raised two matters.",
            [plain, Proposal(cost: null)], Categories, Now);

        Assert.Equal(MeetingStatus.Held, meeting.Status);
        Assert.Equal(2, meeting.Resolutions.Count);
        var published = Assert.IsType<LivelihoodProposalResolved>(Assert.Single(meeting.PendingEvents));
        var proposal = meeting.Resolutions[1];
        Assert.Equal(new LivelihoodProposalResolved(proposal.Id, meeting.Id, "district-03", 2026, "Sheltered bus stop at Longgang market",
            "TRANSPORT", "Three hundred residents wait in the rain every morning.", null, Now), published);
        Assert.Null(meeting.Resolutions[0].Category);
    }

    [Fact]
    public void The_outcome_is_recorded_once()
    {
        var meeting = Scheduled();
        meeting.RecordOutcome(Callers.CityAdmin(), ["Wang Wei"], "Minutes.", [Proposal()], Categories, Now);

        Assert.Throws<ConflictException>(() => meeting.RecordOutcome(Callers.CityAdmin(), ["Wang Wei"], "Minutes again.", [Proposal()], Categories, Now));
        Assert.Single(meeting.PendingEvents);
    }

    [Theory]
    [InlineData("SPACE_PROGRAMME", 2026)]
    [InlineData("TRANSPORT", 2024)]
    [InlineData("TRANSPORT", 2027)]
    public void A_proposal_needs_a_livelihood_category_and_this_or_next_years_cycle(string category, int year)
    {
        var meeting = Scheduled();

        var error = Assert.Throws<ValidationFailedException>(() =>
            meeting.RecordOutcome(Callers.CityAdmin(), ["Wang Wei"], "Minutes.", [Proposal(category, year)], Categories, Now));

        Assert.Equal("resolutions", Assert.Single(error.FieldErrors).Key);
        Assert.Equal(MeetingStatus.Scheduled, meeting.Status);
        Assert.Empty(meeting.PendingEvents);
    }

    [Fact]
    public void Attendees_and_minutes_are_required()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Scheduled().RecordOutcome(Callers.CityAdmin(), [], "", [], Categories, Now));

        Assert.Equal(["attendees", "minutes"], error.FieldErrors.Keys.Order());
    }

    [Fact]
    public void Another_districts_admin_may_not_record_the_outcome()
    {
        Assert.Throws<ForbiddenException>(() =>
            Scheduled().RecordOutcome(Callers.DistrictAdmin("district-05"), ["Wang Wei"], "Minutes.", [], Categories, Now));
    }
}
