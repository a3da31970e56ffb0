using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class MediationCaseTests
{
    private static readonly DateTimeOffset Now = new(2025, 4, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Mediator = "mediator-03";

    private static MediationCase Opened() => MediationCase.Open(
        new MediationDraft("district-03", ["Zhang San", "Li Si"], "A wall between two yards leans over Li's vegetable plot.", Mediator),
        Callers.DistrictAdmin("district-03"), Now);

    private static Longgang.Platform.Caller TheMediator => new(Mediator, Longgang.Platform.PlatformRoles.GridWorker, "district-03", null);

    [Fact]
    public void A_mediation_is_due_one_month_after_it_opens()
    {
        var m = Opened();

        Assert.Equal(MediationStatus.Open, m.Status);
        Assert.Equal(new DateOnly(2025, 5, 10), m.DueOn);
        Assert.False(m.Extended);
    }

    [Fact]
    public void Opening_names_every_bad_field_and_needs_the_districts_admin()
    {
        var error = Assert.Throws<ValidationFailedException>(() =>
            MediationCase.Open(new MediationDraft("district-99", ["only one"], "", null), Callers.CityAdmin(), Now));
        Assert.Equal(["districtCode", "facts", "mediatorId", "parties"], error.FieldErrors.Keys.Order());

        Assert.Throws<ForbiddenException>(() => MediationCase.Open(
            new MediationDraft("district-03", ["A", "B"], "facts", Mediator), Callers.DistrictAdmin("district-05"), Now));
    }

    [Fact]
    public void It_is_extended_once_only_when_both_parties_agree_by_at_most_a_month()
    {
        var m = Opened();

        Assert.Equal("bothPartiesAgree", Assert.Single(Assert.Throws<ValidationFailedException>(() =>
            m.Extend(TheMediator, false, new DateOnly(2025, 5, 20), Now)).FieldErrors).Key);
        Assert.Equal("newDueOn", Assert.Single(Assert.Throws<ValidationFailedException>(() =>
            m.Extend(TheMediator, true, new DateOnly(2025, 6, 11), Now)).FieldErrors).Key);
        m.Extend(TheMediator, true, new DateOnly(2025, 6, 10), Now);
        Assert.Throws<ConflictException>(() => m.Extend(TheMediator, true, new DateOnly(2025, 6, 20), Now));

        Assert.True(m.Extended);
        Assert.Equal(new DateOnly(2025, 6, 10), m.DueOn);
    }

    [Fact]
    public void An_agreement_needs_its_terms_and_is_published_as_concluded()
    {
        var m = Opened();
        Assert.Equal("agreementTerms", Assert.Single(Assert.Throws<ValidationFailedException>(() =>
            m.Conclude(TheMediator, true, null, null, Now)).FieldErrors).Key);

        m.Conclude(TheMediator, true, "Zhang rebuilds the wall by June; Li lends a hand.", null, Now.AddDays(3));

        Assert.Equal(MediationStatus.Agreed, m.Status);
        Assert.Equal(new MediationConcluded(m.Id, "district-03", "AGREED", true, Now.AddDays(3)), Assert.Single(m.PendingEvents));
    }

    [Fact]
    public void A_mediation_concluded_after_its_due_day_is_not_on_time()
    {
        var m = Opened();

        m.Conclude(TheMediator, false, null, "no common ground", Now.AddDays(40));

        Assert.Equal(MediationStatus.Failed, m.Status);
        Assert.False(Assert.IsType<MediationConcluded>(Assert.Single(m.PendingEvents)).OnTime);
    }

    [Fact]
    public void Only_an_open_mediation_is_extended_or_concluded_and_only_an_agreed_one_followed_up_once()
    {
        var failed = Opened();
        failed.Conclude(TheMediator, false, null, null, Now);
        Assert.Throws<ConflictException>(() => failed.Conclude(TheMediator, true, "terms", null, Now));
        Assert.Throws<ConflictException>(() => failed.Extend(TheMediator, true, new DateOnly(2025, 5, 20), Now));
        Assert.Throws<ConflictException>(() => failed.RecordFollowUp(TheMediator, true, null, Now));

        var agreed = Opened();
        Assert.Throws<ConflictException>(() => agreed.RecordFollowUp(TheMediator, true, null, Now));
        agreed.Conclude(TheMediator, true, "terms", null, Now);
        agreed.RecordFollowUp(TheMediator, false, "the wall still leans", Now.AddDays(60));
        Assert.Throws<ConflictException>(() => agreed.RecordFollowUp(TheMediator, true, null, Now.AddDays(61)));

        Assert.False(agreed.Honoured);
        Assert.Equal("the wall still leans", agreed.FollowUpNote);
    }

    [Fact]
    public void Only_the_mediator_the_districts_admin_and_city_admins_see_a_mediation()
    {
        var m = Opened();

        Assert.True(m.CanSee(TheMediator));
        Assert.True(m.CanSee(Callers.DistrictAdmin("district-03")));
        Assert.True(m.CanSee(Callers.CityAdmin()));
        Assert.False(m.CanSee(Callers.DistrictAdmin("district-05")));
        Assert.False(m.CanSee(Callers.GridWorker("district-03")));
        Assert.False(m.CanSee(Callers.Citizen()));
        Assert.Throws<ForbiddenException>(() => m.Conclude(Callers.DistrictAdmin("district-05"), false, null, null, Now));
    }
}
