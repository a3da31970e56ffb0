using System.Reflection;
using System.Text.Json;
using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Messaging;
using Longgang.Governance.Data;
using Longgang.Livelihood.Data;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Testing;
using Longgang.Talent.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Platform.Tests.Events;

/// <summary>
/// Every consumer of every service (found by reflection, so a new one is covered) reads every committed sample of the
/// event it consumes, older versions included, as MassTransit reads a message off the queue, and handles it against a
/// fresh SQLite database of its service, on MassTransit's in-memory test harness, without a fault.
/// </summary>
public sealed class ConsumerSampleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly Assembly[] ServiceAssemblies =
        [typeof(ApprovalsDbContext).Assembly, typeof(GovernanceDbContext).Assembly, typeof(TalentDbContext).Assembly, typeof(LivelihoodDbContext).Assembly];

    /// <summary>The reference data each service seeds at start (not its demo data), which consumers look codes up in.</summary>
    private static readonly Dictionary<Type, object[]> Seeders = new()
    {
        [typeof(ApprovalsDbContext)] = [new MatterCatalogueSeeder()],
        [typeof(GovernanceDbContext)] = [new Governance.Data.DistrictDirectorySeeder()],
        [typeof(TalentDbContext)] = [new Talent.Data.TierCatalogueSeeder()],
        [typeof(LivelihoodDbContext)] = [],
    };

    public static IReadOnlyList<Type> Consumers { get; } = ServiceAssemblies
        .SelectMany(a => a.GetTypes())
        .Where(t => t is { IsClass: true, IsAbstract: false } && IdempotentBase(t) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>IdempotentConsumer&lt;TMessage, TContext&gt; somewhere up the consumer's base classes.</summary>
    private static Type? IdempotentBase(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IdempotentConsumer<,>)) return t;
        return null;
    }

    public static TheoryData<string, string> ConsumersAndSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var consumer in Consumers)
        {
            foreach (var sample in EventCatalogue.SampleFilesOf(IdempotentBase(consumer)!.GetGenericArguments()[0]))
                data.Add(consumer.FullName!, EventCatalogue.Relative(sample));
        }
        return data;
    }

    [Fact]
    public void Every_service_has_consumers_and_every_consumer_has_samples_to_read()
    {
        Assert.All(ServiceAssemblies, a => Assert.Contains(Consumers, c => c.Assembly == a));
        var withoutSamples = Consumers.Where(c => !EventCatalogue.SampleFilesOf(IdempotentBase(c)!.GetGenericArguments()[0]).Any());
        Assert.Empty(withoutSamples);
        // every consumer class implements exactly this base, so none escapes the reflection above
        var otherConsumers = ServiceAssemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IConsumer).IsAssignableFrom(t) && IdempotentBase(t) is null);
        Assert.Empty(otherConsumers);
    }

    [Theory]
    [MemberData(nameof(ConsumersAndSamples))]
    public async Task A_consumer_handles_a_committed_sample_of_its_event(string consumerName, string sampleFile)
    {
        var consumer = Consumers.Single(c => c.FullName == consumerName);
        var arguments = IdempotentBase(consumer)!.GetGenericArguments();
        var json = await File.ReadAllTextAsync(Path.Combine(EventCatalogue.SnapshotRoot, Path.GetRelativePath("contracts/snapshots/events", sampleFile)), Ct);
        var message = JsonSerializer.Deserialize(json, arguments[0], EventCatalogue.SerializerOptions)!;

        var run = typeof(ConsumerSampleTests).GetMethod(nameof(DeliverAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(arguments[0], arguments[1]);
        var faults = await (Task<IReadOnlyCollection<Exception>>)run.Invoke(null, [consumer, message])!;

        Assert.Empty(faults);
    }

    /// <summary>The consumer alone on a harness, over its service's freshly seeded database; returns the delivery's faults.</summary>
    private static async Task<IReadOnlyCollection<Exception>> DeliverAsync<TMessage, TContext>(Type consumer, TMessage message)
        where TMessage : class
        where TContext : PlatformDbContext
    {
        using var database = new SqliteTestDatabase<TContext>(options => (TContext)Activator.CreateInstance(typeof(TContext), options)!);
        await using (var db = database.NewContext())
        {
            foreach (var seeder in Seeders[typeof(TContext)].Cast<IDatabaseSeeder<TContext>>()) await seeder.SeedAsync(db, Ct);
            await ArrangeAsync(db, consumer, message);
        }

        await using var harness = await ConsumerHarness.StartAsync(services =>
        {
            services.AddDbContext<TContext>(options => options.UseSqlite(database.ConnectionString).AddInterceptors(Longgang.Platform.Data.PinyinCollation.ForSqlite));
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            services.AddSingleton(WorkingDayCalendar.Official);
            services.AddHybridCache();
            services.AddSingleton(new Longgang.Governance.Domain.HotspotRule()); // governance's hotspot detector, defaults
            // the notifiers' texts, in the service's resources as its Add* method registers them
            services.AddPlatformText<Longgang.Platform.Localization.Resources.Messages>()
                .AddSingleton(new TextResources(consumer.Assembly.GetTypes().Single(t => t.FullName?.EndsWith(".Resources.Messages", StringComparison.Ordinal) == true)));
            services.AddScoped<Longgang.Governance.Dashboards.DashboardMerger>(); // the dashboards' consumers
            // as AddCalendarYears and the services' Add* methods register them
            services.AddScoped<CalendarYearApplier<TContext>>();
            // notifiers render their texts through the platform's and their service's resources
            services.AddPlatformText<Longgang.Platform.Localization.Resources.Messages>();
            services.AddSingleton(new TextResources(consumer.Assembly.GetTypes().Single(t => t.Name == "Messages" && t.Namespace?.EndsWith(".Resources", StringComparison.Ordinal) == true)));
            foreach (var reprojector in consumer.Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IClockReprojector<TContext>).IsAssignableFrom(t)))
                services.AddScoped(typeof(IClockReprojector<TContext>), reprojector);
        }, bus => bus.AddConsumer(consumer));
        return await harness.DeliverAsync(message, null, Ct);
    }

    /// <summary>
    /// What a consumer needs stored before its event can have happened: the receipt notifier reads the application the
    /// submission announces (approvals' own, committed before the event left its outbox).
    /// </summary>
    private static async Task ArrangeAsync(DbContext db, Type consumer, object message)
    {
        if (consumer != typeof(ApplicantNotifier) || message is not ApplicationSubmitted submitted) return;
        var approvals = (ApprovalsDbContext)db;
        var matter = await approvals.CurrentMatterAsync(submitted.MatterCode, Ct);
        var draft = new SubmissionDraft(submitted.MatterCode, submitted.ApplicantId, "陈静", Channel.Online, submitted.DistrictCode, []);
        var applicant = new Caller(submitted.ApplicantId, PlatformRoles.Citizen, null, null);
        approvals.Applications.Add(Application.Submit(matter, draft, applicant, submitted.SubmittedAt, submitted.ApplicationId));
        await approvals.SaveChangesAsync(Ct);
    }
}
