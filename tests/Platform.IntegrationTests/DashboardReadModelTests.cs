using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Contracts.V1;
using Longgang.Governance.Dashboards;
using Longgang.Livelihood.Contracts.Events.V1;
using Longgang.Platform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// The dashboards' read model on PostgreSQL and RabbitMQ: a set of events published shuffled, some twice under one
/// message id (a redelivery) and some again under a new id (a re-publish), ends in the same dashboard as the same
/// events merged in order. The same events reach every other consumer of their types in the four services (the tally,
/// the receipt, the hotspot detector, ...): none of those may fault on them either, or its retries would end in an error
/// queue that another test finds.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DashboardReadModelTests(PlatformFixture platform)
{
    private const string District = "district-07";
    private const string Period = "2033"; // a year no other test's events fall in
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>The four services, whose consumers all take the events published here.</summary>
    private static readonly System.Reflection.Assembly[] ServiceAssemblies =
    [
        typeof(Approvals.Data.ApprovalsDbContext).Assembly, typeof(Governance.Data.GovernanceDbContext).Assembly,
        typeof(Talent.Data.TalentDbContext).Assembly, typeof(Livelihood.Data.LivelihoodDbContext).Assembly,
    ];

    /// <summary>Cases, hall applications and a project of district-07 in 2033, each record's events in their real order.</summary>
    private static List<object> Events()
    {
        var random = new Random(17);
        var modules = new[] { "market-supervision", "comprehensive-governance", "comprehensive-law-enforcement" };
        var events = new List<object>();
        for (var i = 0; i < 12; i++)
        {
            var id = Guid.NewGuid();
            var at = new DateTimeOffset(2033, 1 + random.Next(11), 1 + random.Next(27), 9, 0, 0, China);
            var grid = $"grid-07-0{1 + random.Next(2)}-1";
            var module = modules[random.Next(modules.Length)];
            events.Add(new CaseReported(id, District, grid, $"category {i}", "GRID_PATROL", at));
            events.Add(new CaseDispatched(id, District, "MODULE", modules[(i + 1) % 3], DateOnly.FromDateTime(at.AddDays(5).DateTime), at.AddHours(1)));
            events.Add(new CaseReturned(id, District, "MODULE", modules[(i + 1) % 3], "not ours", at.AddHours(2)));
            events.Add(new CaseDispatched(id, District, "MODULE", module, DateOnly.FromDateTime(at.AddDays(5).DateTime), at.AddHours(3)));
            if (i % 3 == 0) events.Add(new CaseEscalated(id, District, "community-07-01", grid, "COMMUNITY", DateOnly.FromDateTime(at.AddDays(12).DateTime), at.AddDays(8)));
            if (i % 2 == 0) events.Add(new CaseClosed(id, District, "FIXED", i % 3 == 0, at.AddDays(10), grid, $"category {i}", "MODULE", module, false, 3 + i));
        }
        for (var i = 0; i < 6; i++)
        {
            var id = Guid.NewGuid();
            var at = new DateTimeOffset(2033, 2 + i, 3, 10, 0, 0, China);
            // with its missing materials, as approvals publishes it: its receipt needs no application stored in approvals
            events.Add(new ApplicationSubmitted(id, "MS-001", "dept-market-supervision", $"c-{i}", "SERVICE_HALL", District, at, MissingMaterials: []));
            events.Add(new ApplicationDecided(id, "MS-001", "dept-market-supervision", $"c-{i}", "SERVICE_HALL", District, "APPROVED", [],
                at.AddDays(12), 4 + i, 20, i != 5, Visits: 1 + (i % 2)));
        }
        var project = Guid.NewGuid();
        events.Add(new ProjectAdopted(project, 2033, "TRANSPORT", [District], 900_000, "dept-housing-construction", new DateTimeOffset(2033, 1, 20, 10, 0, 0, China)));
        events.Add(new MilestoneCompleted(project, Guid.NewGuid(), null, 30, new DateTimeOffset(2033, 4, 2, 10, 0, 0, China), Late: true));
        events.Add(new MilestoneCompleted(project, Guid.NewGuid(), null, 60, new DateTimeOffset(2033, 6, 2, 10, 0, 0, China)));
        return events;
    }

    /// <summary>The figures the same events give merged in order, in memory, by the same merge.</summary>
    private static List<string> InOrder(IEnumerable<object> events)
    {
        var facts = new Dictionary<(string, string), string>();
        var counters = new Dictionary<CounterKey, long>();
        foreach (var e in events)
        {
            var change = FactChanges.Of(e)!;
            var merged = change.MergeInto(facts.GetValueOrDefault((change.Kind, change.SourceId)));
            if (merged is null) continue;
            facts[(change.Kind, change.SourceId)] = merged.Body;
            foreach (var i in merged.CounterChanges) counters[i.Key] = counters.GetValueOrDefault(i.Key) + i.Value;
        }
        var values = counters.Where(c => c.Key.DistrictCode == District)
            .Select(c => new CounterValue(c.Key.DistrictCode, c.Key.Month, c.Key.Metric, c.Key.Dimension, c.Value)).ToList();
        var period = Governance.Dashboards.Period.Parse(Period)!;
        return [.. new[] { Figures.Cases, Figures.ServiceHall, Figures.Talent, Figures.Livelihood }
            .SelectMany(rules => Figures.Compute(values, period, rules))
            .Select(f => $"{f.Name} {f.Dimension} {f.Value} [{string.Join(' ', f.Monthly.Select(m => m.Value))}]")];
    }

    private async Task<List<string>> DashboardAsync()
    {
        await using var scope = platform.Governance.Services.CreateAsyncScope();
        var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardHandlers>()
            .GetDistrictAsync(new GetDistrictDashboardRequest { DistrictCode = District, Period = Period }, Callers.CityAdmin(), CancellationToken.None);
        return [.. new[] { dashboard.Cases, dashboard.ServiceHall, dashboard.Talent, dashboard.Livelihood }
            .SelectMany(p => p.Figures)
            .Select(f => $"{f.Name} {f.Dimension} {f.Value} [{string.Join(' ', f.Monthly.Select(m => m.Value))}]")];
    }

    [Fact]
    public async Task Shuffled_and_redelivered_events_give_the_dashboard_of_the_events_in_order()
    {
        platform.RequireDocker();
        var events = Events();
        var expected = InOrder(events);
        Assert.Contains(expected, f => f.StartsWith("cases.reported  12 ", StringComparison.Ordinal));

        // every event once, a third of them again under the same message id, a third again under a new one; shuffled
        var random = new Random(29);
        var sends = events.Select(e => (Event: e, Id: NewId.NextGuid())).ToList();
        sends.AddRange(sends.Where((_, i) => i % 3 == 0).ToList());
        sends.AddRange(sends.Where((_, i) => i % 3 == 1).Select(s => (s.Event, NewId.NextGuid())).ToList());
        var deliveries = new ConsumeTally(sends.Select(s => s.Id));
        var observers = platform.Services.Select(s => s.Service.Services.GetRequiredService<IBus>().ConnectConsumeObserver(deliveries)).ToList();
        var bus = platform.Governance.Services.GetRequiredService<IBus>();
        foreach (var (e, id) in sends.OrderBy(_ => random.Next()))
            await bus.Publish(e, e.GetType(), context => context.MessageId = id);

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        var actual = await DashboardAsync();
        while (!actual.SequenceEqual(expected) && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
            actual = await DashboardAsync();
        }
        Assert.Equal(expected, actual);

        // every delivery to every consumer applied or, after its retries, faulted
        await deliveries.WaitForAsync(sends.Sum(s => Consumers.Of(s.Event.GetType(), ServiceAssemblies)), TimeSpan.FromSeconds(90));
        observers.ForEach(o => o.Dispose());
        Assert.Empty(deliveries.Faults);
    }
}
