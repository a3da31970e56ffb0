using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Domain;

namespace Longgang.Governance.Tests;

/// <summary>When cases make a hotspot (N cases of a category in a grid within M days), and that each window makes one.</summary>
public sealed class CaseHotspotTests
{
    private static readonly HotspotRule Rule = new(Cases: 3, WindowDays: 30);
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static (Guid, DateTimeOffset) CaseOn(double day) => (Guid.CreateVersion7(), Day0.AddDays(day));

    private static CaseHotspot? Detect(CaseHotspot? latest, params (Guid Id, DateTimeOffset At)[] cases) =>
        CaseHotspot.Detect(Rule, "district-03", "grid-03-07-2", "blocked drain", cases.Max(c => c.At), cases, latest, cases.Max(c => c.At));

    [Fact]
    public void Three_cases_within_thirty_days_make_a_hotspot_whose_window_starts_at_the_first()
    {
        var first = CaseOn(0);
        var hotspot = Detect(null, first, CaseOn(10), CaseOn(29.9));

        Assert.NotNull(hotspot);
        Assert.Equal((first.Item1, Day0, Day0.AddDays(30), 3), (hotspot.FirstCaseId, hotspot.WindowStartsAt, hotspot.WindowEndsAt, hotspot.CaseCount));
        var detected = Assert.IsType<CaseHotspotDetected>(Assert.Single(hotspot.PendingEvents));
        Assert.Equal((hotspot.Id, "grid-03-07-2", 3, 30), (detected.HotspotId, detected.GridCode, detected.CaseCount, detected.WindowDays));
    }

    [Fact]
    public void Two_cases_or_three_spread_over_more_than_the_window_make_none()
    {
        Assert.Null(Detect(null, CaseOn(0), CaseOn(10)));
        Assert.Null(Detect(null, CaseOn(0), CaseOn(10), CaseOn(30)));
    }

    [Fact]
    public void A_fourth_case_in_the_window_joins_the_hotspot_rather_than_making_another()
    {
        var cases = new[] { CaseOn(0), CaseOn(1), CaseOn(2) };
        var hotspot = Detect(null, cases)!;

        Assert.Null(Detect(hotspot, [.. cases, CaseOn(3)]));
        Assert.Null(Detect(hotspot, [.. cases, CaseOn(29)]));
    }

    [Fact]
    public void Cases_after_the_window_count_towards_the_next_hotspot_only_on_their_own()
    {
        var cases = new[] { CaseOn(0), CaseOn(1), CaseOn(2), CaseOn(25) };
        var hotspot = Detect(null, cases[..3])!;

        // days 25, 31 and 32: the day-25 case belongs to the first window, so two are too few
        Assert.Null(Detect(hotspot, [.. cases, CaseOn(31), CaseOn(32)]));
        var next = Detect(hotspot, [.. cases, CaseOn(31), CaseOn(32), CaseOn(33)]);
        Assert.NotNull(next);
        Assert.Equal((Day0.AddDays(31), 3), (next.WindowStartsAt, next.CaseCount));
    }

    [Fact]
    public void The_rule_is_configurable()
    {
        var strict = new HotspotRule(Cases: 2, WindowDays: 7);
        IReadOnlyList<(Guid, DateTimeOffset)> twoInAWeek = [CaseOn(0), CaseOn(6)];
        IReadOnlyList<(Guid, DateTimeOffset)> twoInEightDays = [CaseOn(0), CaseOn(8)];

        Assert.NotNull(CaseHotspot.Detect(strict, "district-03", "grid-03-07-2", "noise", Day0.AddDays(6), twoInAWeek, null, Day0.AddDays(6)));
        Assert.Null(CaseHotspot.Detect(strict, "district-03", "grid-03-07-2", "noise", Day0.AddDays(8), twoInEightDays, null, Day0.AddDays(8)));
    }

    [Fact]
    public void A_hotspot_becomes_a_candidate_item_of_a_meeting_of_its_district_still_to_be_held()
    {
        var hotspot = Detect(null, CaseOn(0), CaseOn(1), CaseOn(2))!;
        DeliberationMeeting Meeting(string district, DateOnly on) =>
            DeliberationMeeting.Schedule(new MeetingDraft(district, "Meeting", on, ["item"]), Callers.CityAdmin(), Day0);
        var today = new DateOnly(2026, 11, 3);

        hotspot.ProposeFor(Meeting("district-05", today), today);
        hotspot.ProposeFor(Meeting("district-03", today.AddDays(-1)), today);
        Assert.Null(hotspot.MeetingId);
        var next = Meeting("district-03", today.AddDays(7));
        hotspot.ProposeFor(next, today);
        hotspot.ProposeFor(Meeting("district-03", today.AddDays(8)), today);
        Assert.Equal(next.Id, hotspot.MeetingId);
    }
}
