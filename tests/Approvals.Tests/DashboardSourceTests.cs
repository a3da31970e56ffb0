using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using static Longgang.Approvals.Tests.Callers;
using static Longgang.Approvals.Tests.Departments;

namespace Longgang.Approvals.Tests;

/// <summary>
/// What approvals gives the dashboards: the 一区五城 tag, visits and district on its events, and a replay that sends, for
/// an application at each stage, the very events the live transitions published.
/// </summary>
public sealed class DashboardSourceTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.Official;
    private static readonly Matter FoodLicence = MatterCatalogueSeeder.Matters.Single(m => m.Code == "MS-001");
    private static readonly Caller MarketClerk = Clerk(Market);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset);

    private static Application SubmitAtHall() => Application.Submit(FoodLicence,
        new SubmissionDraft(FoodLicence.Code, null, "Wang Fang", Channel.ServiceHall, "district-03", FoodLicence.RequiredMaterials),
        Citizen, Monday);

    /// <summary>The events as they travel: JSON, so lists compare by content.</summary>
    private static List<string> Json(IEnumerable<object> events) => events.Select(e => JsonSerializer.Serialize(e, e.GetType())).ToList();

    /// <summary>The dashboard events a transition recorded (visit-limit warnings, notices and certificates are not replayed).</summary>
    private static IEnumerable<object> Published(Application application) => application.TakePendingEvents()
        .Where(e => e is ApplicationSubmitted or ApplicationAccepted or ApplicationNotAccepted or ApplicationDecided or ApplicationEvaluated);

    [Fact]
    public void At_every_stage_the_replay_sends_what_the_transitions_published_field_by_field()
    {
        var application = SubmitAtHall();
        var live = Published(application).ToList();
        Assert.Equal(Json(live), Json(application.ImpliedEvents()));

        application.Accept(FoodLicence, MarketClerk, Monday.AddHours(1), Calendar);
        live.AddRange(Published(application));
        Assert.Equal(Json(live), Json(application.ImpliedEvents()));

        application.DecideStep(null, Decision.Reject, "kitchen fails hygiene rules", MarketClerk, Monday.AddDays(2), Calendar);
        live.AddRange(Published(application));
        Assert.Equal(Json(live), Json(application.ImpliedEvents()));

        application.Evaluate(2, "slow", Citizen, Monday.AddDays(3), Calendar);
        live.AddRange(Published(application));
        Assert.Equal(Json(live), Json(application.ImpliedEvents()));
        Assert.Equal([typeof(ApplicationSubmitted), typeof(ApplicationAccepted), typeof(ApplicationDecided), typeof(ApplicationEvaluated)],
            live.Select(e => e.GetType()));
    }

    [Fact]
    public void An_application_not_accepted_replays_its_refusal_at_the_time_it_was_refused()
    {
        var application = SubmitAtHall();
        var live = Published(application).ToList();
        application.RejectAcceptance("not a food business", MarketClerk, Monday.AddHours(5));
        live.AddRange(Published(application));

        Assert.Equal(Json(live), Json(application.ImpliedEvents()));
        Assert.Equal(Monday.AddHours(5), Assert.IsType<ApplicationNotAccepted>(live[^1]).At);
    }

    [Fact]
    public void Submission_and_decision_carry_the_matters_city_tag_and_the_decision_the_hall_visits()
    {
        var application = SubmitAtHall();
        var submitted = Assert.Single(application.TakePendingEvents().OfType<ApplicationSubmitted>());
        application.Accept(FoodLicence, MarketClerk, Monday, Calendar);
        application.DecideStep(null, Decision.Approve, null, MarketClerk, Monday.AddDays(1), Calendar);
        var decided = Assert.Single(application.TakePendingEvents().OfType<ApplicationDecided>());

        Assert.Equal(CityTags.VibrantInnovation, submitted.CityTag);
        Assert.Equal((CityTags.VibrantInnovation, 1, "district-03"), (decided.CityTag, decided.Visits, decided.DistrictCode));
    }

    [Fact]
    public void An_sla_warning_names_the_applications_district()
    {
        var warning = SlaWarning.Raise(Guid.NewGuid(), "MS-001", "district-05",
            new SlaClock(WarningScope.Application, Market, new DateOnly(2026, 3, 9), 5, 5), WarningLevel.Yellow, Monday);

        Assert.Equal("district-05", Assert.IsType<SlaWarningRaised>(Assert.Single(warning.TakePendingEvents())).DistrictCode);
    }

    [Fact]
    public void A_matter_takes_a_known_city_tag_or_none_and_refuses_any_other_naming_cityTag()
    {
        MatterDraft Draft(string? tag) => new("MS-010", "Outdoor advertising permit", Market, MatterKind.Promised, ["application form"], 20, 10, 1, [],
            CityTag: tag);

        Assert.Equal(CityTags.ModernSmart, Matter.Define(Draft(CityTags.ModernSmart), null, MarketClerk, Monday).CityTag);
        Assert.Null(Matter.Define(Draft(null), null, MarketClerk, Monday).CityTag);
        var error = Assert.Throws<ValidationFailedException>(() => Matter.Define(Draft("GREEN_CITY"), null, MarketClerk, Monday));
        Assert.Equal(["cityTag"], error.FieldErrors.Keys);
    }

    [Fact]
    public void The_seeded_catalogue_tags_every_matter_with_a_known_tag()
    {
        Assert.All(MatterCatalogueSeeder.Matters, m => Assert.True(CityTags.IsKnown(m.CityTag), m.Code));
        Assert.Equal(CityTags.HappyLiveable, MatterCatalogueSeeder.Matters.Single(m => m.Code == "SA-001").CityTag);
    }
}
