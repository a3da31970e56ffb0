using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Dashboards;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Talent.Contracts.Events.V1;

namespace Longgang.Governance.Tests;

/// <summary>
/// The read model's merge: for one record, every order of its events ends in the same fact and the same counters, and
/// an event delivered again changes nothing.
/// </summary>
public sealed class DashboardMergeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Guid Id = Guid.Parse("6f1c1b0e-0000-4000-8000-000000000001");

    /// <summary>The facts and counters the merge leaves, kept like the tables keep them (the fact as JSON).</summary>
    internal sealed class Model
    {
        public Dictionary<(string Kind, string Id), string> Facts { get; } = [];
        public SortedDictionary<string, long> Counters { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether the event changed anything.</summary>
        public bool Apply(object integrationEvent)
        {
            var change = FactChanges.Of(integrationEvent)!;
            var merged = change.MergeInto(Facts.GetValueOrDefault((change.Kind, change.SourceId)));
            if (merged is null) return false;
            Facts[(change.Kind, change.SourceId)] = merged.Body;
            foreach (var i in merged.CounterChanges)
            {
                var key = $"{i.Key.DistrictCode}|{i.Key.Month}|{i.Key.Metric}|{i.Key.Dimension}";
                Counters[key] = Counters.GetValueOrDefault(key) + i.Value;
            }
            return true;
        }

        public string Snapshot() => string.Join("\n", Facts.OrderBy(f => f.Key.Id).Select(f => f.Value)
            .Concat(Counters.Where(c => c.Value != 0).Select(c => $"{c.Key}={c.Value}")));
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest)) yield return [items[i], .. tail];
        }
    }

    public static TheoryData<string> Records() => ["case", "application", "project", "certification"];

    /// <summary>A record's events, including two that disagree over time (re-dispatch, two milestones) and old shapes.</summary>
    internal static IReadOnlyList<object> EventsOf(string record) => record switch
    {
        "case" =>
        [
            new CaseReported(Id, "district-03", "grid-03-07-2", "blocked drain", "GRID_PATROL", T0, "SAFE_GOVERNANCE"),
            new CaseDispatched(Id, "district-03", "MODULE", "market-supervision", new DateOnly(2026, 5, 12), T0.AddHours(2)),
            new CaseReturned(Id, "district-03", "MODULE", "market-supervision", "not ours", T0.AddHours(3)),
            new CaseDispatched(Id, "district-03", "MODULE", "law-enforcement", new DateOnly(2026, 5, 13), T0.AddHours(4)),
            new CaseEscalated(Id, "district-03", "community-03-07", "grid-03-07-2", "COMMUNITY", new DateOnly(2026, 6, 3), T0.AddDays(27)),
            new CaseClosed(Id, "district-03", "FIXED", true, T0.AddDays(30), "grid-03-07-2", "blocked drain", "MODULE", "law-enforcement", false, 21),
        ],
        "application" =>
        [
            new ApplicationSubmitted(Id, "MS-001", "dept-market-supervision", "c-1", "SERVICE_HALL", "district-03", T0),
            new ApplicationAccepted(Id, "MS-001", "dept-market-supervision", "c-1", "district-03", false, T0.AddHours(1), new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 3)),
            new VisitLimitExceeded(Id, "MS-001", "dept-market-supervision", "district-03", 2, 1, T0.AddDays(2)),
            new SlaWarningRaised(Guid.NewGuid(), Id, "MS-001", "dept-market-supervision", "APPLICATION", "RED", new DateOnly(2026, 5, 20), 9, 8, T0.AddDays(20)),
            new ApplicationDecided(Id, "MS-001", "dept-market-supervision", "c-1", "SERVICE_HALL", "district-03", "APPROVED", [], T0.AddDays(25),
                12, 20, false, Visits: 1),
            new ApplicationEvaluated(Id, "MS-001", "dept-market-supervision", "district-03", 2, true, T0.AddDays(26)),
        ],
        "project" =>
        [
            new ProjectProposed(Id, 2026, "TRANSPORT", ["district-03"], 800_000, T0.AddMonths(-4), "HAPPY_LIVEABLE"),
            new ProjectAdopted(Id, 2026, "TRANSPORT", ["district-03", "district-04"], 750_000, "dept-transport", T0.AddMonths(-3)),
            new ProjectDelayRiskRaised(Id, 2026, Guid.Parse("00000000-0000-4000-8000-0000000000a1"), Guid.NewGuid(), "YELLOW", ["district-03"], "dept-transport",
                new DateOnly(2026, 5, 20), T0),
            new MilestoneCompleted(Id, Guid.Parse("00000000-0000-4000-8000-0000000000a1"), null, 40, T0.AddDays(3), Late: true),
            new MilestoneCompleted(Id, Guid.Parse("00000000-0000-4000-8000-0000000000a2"), null, 70, T0.AddDays(40)),
        ],
        "certification" =>
        [
            new CertificationApplied(Id, "C", 1, "district-03", T0),
            new TalentCertified(Id, "C", 1, "manufacturing", "Longgang Printing", "district-03", "LG-2026-001", new DateOnly(2029, 5, 1), T0.AddDays(30)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Every_order_of_a_records_events_ends_in_the_same_fact_and_counters(string record)
    {
        var events = EventsOf(record);
        var inOrder = new Model();
        foreach (var e in events) inOrder.Apply(e);
        var expected = inOrder.Snapshot();

        var orders = 0;
        foreach (var order in Permutations(events))
        {
            var model = new Model();
            foreach (var e in order) model.Apply(e);
            Assert.Equal(expected, model.Snapshot());
            orders++;
        }
        Assert.True(orders >= 2);
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void An_event_delivered_again_changes_nothing(string record)
    {
        var model = new Model();
        foreach (var e in EventsOf(record)) model.Apply(e);
        var before = model.Snapshot();

        foreach (var e in EventsOf(record)) Assert.False(model.Apply(e));
        Assert.Equal(before, model.Snapshot());
    }

    [Fact]
    public void The_case_counts_once_in_its_last_module_and_the_month_it_was_first_overdue()
    {
        var model = new Model();
        foreach (var e in EventsOf("case")) model.Apply(e);

        Assert.Equal(1, model.Counters["district-03|202605|cases.reported|module:law-enforcement"]);
        Assert.Equal(0, model.Counters.GetValueOrDefault("district-03|202605|cases.reported|module:market-supervision"));
        Assert.Equal(1, model.Counters["district-03|202606|cases.escalated|"]); // 27 days after 6 May, in China time
        Assert.Equal(1, model.Counters["district-03|202606|cases.overdue|"]);
        Assert.Equal(21, model.Counters["district-03|202606|cases.close_days|grid:grid-03-07-2"]);
        Assert.Equal(1, model.Counters["district-03|202605|cases.returned|"]);
    }

    [Fact]
    public void An_old_message_without_the_new_fields_leaves_them_unknown_and_does_not_unset_known_ones()
    {
        var model = new Model();
        model.Apply(new CaseClosed(Id, "district-03", "FIXED", false, T0, "grid-03-07-2", "blocked drain", "MODULE", "law-enforcement", true, 4));
        var known = model.Snapshot();

        Assert.False(model.Apply(new CaseClosed(Id, "district-03", "FIXED", false, T0))); // the same close, as an old producer told it
        Assert.Equal(known, model.Snapshot());

        var old = new Model();
        old.Apply(new CaseClosed(Guid.NewGuid(), "district-03", "FIXED", false, T0));
        Assert.Equal(1, old.Counters["district-03|202605|cases.closed|"]);
        Assert.DoesNotContain(old.Counters.Keys, k => k.Contains("close_days", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-05", 202605, 202605)]
    [InlineData("2026-Q2", 202604, 202606)]
    [InlineData("2026-Q4", 202610, 202612)]
    [InlineData("2026", 202601, 202612)]
    public void Periods_are_a_month_a_quarter_or_a_year(string text, int first, int last)
    {
        var period = Period.Parse(text)!;
        Assert.Equal((first, last), (period.First, period.Last));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("2026-5")]
    [InlineData("26")]
    [InlineData("2026-W1")]
    public void Other_periods_are_refused(string text) => Assert.Null(Period.Parse(text));
}
