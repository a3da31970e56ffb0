using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;

namespace Longgang.Governance.Tests;

/// <summary>
/// Every change checks who first (403), then the input (400), then the state (409): a caller who may not act learns
/// nothing about what is wrong with the request or the record.
/// </summary>
public sealed class CheckOrderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 13, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2025, 3, 13);
    /// <summary>A district admin of another district: outside every record of district-03.</summary>
    private static readonly CaseActor Outsider = new(Callers.DistrictAdmin("district-05", "outsider"), OnGridTeam: false);

    /// <summary>A case of district-03 in the wrong status for every transition below but one, each with bad input.</summary>
    public static TheoryData<string> Transitions => new(BadRequests.Keys);

    private static readonly Dictionary<string, Action<Case>> BadRequests = new()
    {
        ["void"] = c => c.Void(Outsider, "", Now),
        ["self-resolve"] = c => c.SelfResolve(Outsider, "", Now, WorkingDayCalendar.Official),
        ["dispatch"] = c => c.Dispatch(Outsider, null, null, Now, WorkingDayCalendar.Official),
        ["return"] = c => c.Return(Outsider, "", Now),
        ["mark-handled"] = c => c.MarkHandled(Outsider, "", Now),
        ["verify-handling"] = c => c.VerifyHandling(Outsider, false, null, Now),
        ["close"] = c => c.Close(Outsider, null, Now, WorkingDayCalendar.Official),
        ["evaluate"] = c => c.Evaluate(Outsider.Caller, 9, null, Now),
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void A_case_transition_refuses_an_outsider_before_looking_at_input_or_status(string transition)
    {
        var reported = Case.Report(Grids.InDistrict03,
            new CaseDraft(Grids.InDistrict03.Code, CaseSource.Hotline, "blocked drain", "Water stands in the lane.", []), Callers.CityAdmin(), Now);

        Assert.Throws<ForbiddenException>(() => BadRequests[transition](reported));
    }

    [Fact]
    public void Reporting_meetings_mediations_and_grid_teams_refuse_an_outsider_before_looking_at_input()
    {
        var outsider = Outsider.Caller;
        Assert.Throws<ForbiddenException>(() => Case.Report(Grids.InDistrict03,
            new CaseDraft(Grids.InDistrict03.Code, CaseSource.GridPatrol, "", "", []), outsider, Now));
        Assert.Throws<ForbiddenException>(() => DeliberationMeeting.Schedule(new MeetingDraft("district-03", "", null, []), outsider, Now));
        Assert.Throws<ForbiddenException>(() => MediationCase.Open(new MediationDraft("district-03", [], "", null), outsider, Now));
        Assert.Throws<ForbiddenException>(() => Post.Add(new PostDraft(PostKind.GridTeam, null, Grids.InDistrict03.Code, null, null, "", "", Today),
            new PostPlace(Grids.InDistrict03.DistrictCode, Grids.InDistrict03.CommunityCode), alreadyHeld: true, outsider));
        Assert.Throws<ForbiddenException>(() => Secondment.Start(new SecondmentDraft("", "", null, "district-03", null, null, null),
            districtKnown: true, [], outsider));
    }

    [Fact]
    public void A_request_naming_nothing_that_exists_is_checked_by_role_and_then_reported_as_bad_input()
    {
        var admin = Outsider.Caller; // a district admin may run meetings and teams, just not in another district
        Assert.Throws<ValidationFailedException>(() => DeliberationMeeting.Schedule(new MeetingDraft("district-99", "", null, []), admin, Now));
        Assert.Throws<ValidationFailedException>(() => MediationCase.Open(new MediationDraft("district-99", [], "", null), admin, Now));
        Assert.Throws<ValidationFailedException>(() => Post.Add(new PostDraft(PostKind.GridTeam, null, "grid-99", null, null, "p-1", "Name", Today),
            new PostPlace(null, null), alreadyHeld: false, admin));
        Assert.Throws<ValidationFailedException>(() => Secondment.Start(new SecondmentDraft("p-1", "Name", "dept-market-supervision", "district-99",
            "market-supervision", Today, null), districtKnown: false, [], admin));
        // a role that may never do it learns only that
        Assert.Throws<ForbiddenException>(() => DeliberationMeeting.Schedule(new MeetingDraft("district-99", "", null, []), Callers.Citizen(), Now));
    }
}
