using Longgang.Governance.Domain;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

public sealed class DispatchSuggestionTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));

    private static Case Reported() => Case.Report(Grids.InDistrict03,
        new CaseDraft(Grids.InDistrict03.Code, CaseSource.Citizen, "noise", "Music at 2 am.", []), Callers.Citizen(), Now);

    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.Date);

    private static Workload Held(string person, string grid, int open, bool active = true) =>
        new(Posts.GridTeam(person, grid, Today.AddDays(-10), active ? null : Today.AddDays(-1)), open);

    [Fact]
    public void The_member_of_the_cases_grid_holding_the_fewest_open_cases_ties_to_the_lower_id()
    {
        var suggestion = DispatchSuggestion.SuggestVerifier(Reported(),
            [Held("gw-c", "grid-03-07-2", 3), Held("gw-b", "grid-03-07-2", 1), Held("gw-a", "grid-03-07-2", 1), Held("gw-idle", "grid-03-07-1", 0)], Today);

        Assert.Equal("gw-a", suggestion!.Post.PersonId);
    }

    [Fact]
    public void Without_an_active_member_in_the_grid_the_district_answers()
    {
        var suggestion = DispatchSuggestion.SuggestVerifier(Reported(),
            [Held("gw-away", "grid-03-07-2", 0, active: false), Held("gw-near", "grid-03-07-1", 2), Held("gw-far", "grid-03-01-1", 4)], Today);

        Assert.Equal("gw-near", suggestion!.Post.PersonId);
    }

    [Fact]
    public void No_member_in_the_district_is_no_suggestion_and_a_case_past_reported_is_a_conflict()
    {
        Assert.Null(DispatchSuggestion.SuggestVerifier(Reported(), [], Today));

        var verifying = Reported();
        verifying.BeginVerification(new CaseActor(Callers.CityAdmin(), false), Now);
        Assert.Throws<ConflictException>(() => DispatchSuggestion.SuggestVerifier(verifying, [Held("gw-a", "grid-03-07-2", 0)], Today));
    }
}
