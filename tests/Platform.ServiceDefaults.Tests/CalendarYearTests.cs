using Longgang.Platform.Calendar;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Longgang.Platform.Tests;

/// <summary>Counts the re-projections it is asked for, and reports the number of clocks it was told to move.</summary>
public sealed class CountingReprojector : IClockReprojector<TallyDbContext>
{
    public List<ClockReprojection> Calls { get; } = [];
    public int Moves { get; set; } = 3;

    public Task<int> ReprojectAsync(TallyDbContext db, ClockReprojection reprojection, CancellationToken cancellationToken)
    {
        Calls.Add(reprojection);
        return Task.FromResult(Moves);
    }
}

/// <summary>
/// Official calendar years in one service: stored once per publication, the later publication winning, counted with
/// at once, re-projected, taken from mounted files without overriding the API, and learnt by the other replicas.
/// </summary>
public sealed class CalendarYearTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 5, 12, 0, 0, TimeSpan.FromHours(8));
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _clock = new(Noon);
    private readonly CountingReprojector _reprojector = new();
    private readonly Dictionary<string, string?> _settings = [];
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _services = Build(WorkingDayCalendar.Official);
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TallyDbContext>().Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>2027 with one make-up Saturday (9 January) that the provisional 2027 does not have.</summary>
    private static CalendarYear Year2027(string source = "国务院办公厅关于2027年部分节假日安排的通知") => CalendarYear.Official(2027, source,
        [new HolidayBlock("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))],
        [new MakeUpWorkday(new DateOnly(2027, 1, 9), "元旦")]);

    [Fact]
    public async Task A_publication_is_stored_counted_with_and_re_projected_once()
    {
        var calendar = _services.GetRequiredService<WorkingDayCalendar>();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));

        Assert.Equal(3, await ApplyAsync(Year2027(), Noon));
        Assert.Null(await ApplyAsync(Year2027(), Noon));
        Assert.Null(await ApplyAsync(Year2027("an older notice"), Noon.AddDays(-1)));

        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 1, 9)));
        Assert.Equal(CalendarBasis.Official, calendar.BasisOf(2027));
        var call = Assert.Single(_reprojector.Calls);
        Assert.Equal(2027, call.Year);
        Assert.Same(calendar, call.Calendar);
        Assert.Contains("国务院办公厅关于2027年部分节假日安排的通知", call.Reason);
        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((2027, CalendarYearRecord.FromApi, Noon), (stored.Year, stored.Origin, stored.PublishedAt));
        Assert.Equal(Year2027(), CalendarYear.ParseJson(stored.Arrangement));
    }

    [Fact]
    public async Task A_later_publication_replaces_the_year_and_re_projects_again()
    {
        await ApplyAsync(Year2027(), Noon);
        var corrected = CalendarYear.Official(2027, "更正通知", [new HolidayBlock("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 1))], []);

        Assert.Equal(3, await ApplyAsync(corrected, Noon.AddHours(1)));

        Assert.False(_services.GetRequiredService<WorkingDayCalendar>().IsWorkingDay(new DateOnly(2027, 1, 9)));
        Assert.Equal(2, _reprojector.Calls.Count);
        Assert.Equal("更正通知", CalendarYear.ParseJson(Assert.Single(await StoredAsync()).Arrangement).Source);
    }

    [Fact]
    public async Task Another_replica_learns_the_stored_years_at_its_next_refresh()
    {
        await ApplyAsync(Year2027(), Noon);
        var otherReplica = WorkingDayCalendar.Official;
        await using var other = Build(otherReplica);

        await Sync(other).RefreshAsync(CancellationToken.None);

        Assert.True(otherReplica.IsWorkingDay(new DateOnly(2027, 1, 9)));
    }

    [Fact]
    public async Task A_mounted_file_is_taken_in_at_start_but_never_over_a_year_published_through_the_api()
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.Path, "calendar")).FullName;
        _settings["Calendar:Directory"] = files;
        await File.WriteAllTextAsync(Path.Combine(files, "2027.json"), Year2027("a file").ToJson());
        await File.WriteAllTextAsync(Path.Combine(files, "2028.json"), CalendarYear.Official(2028, "a file",
            [new HolidayBlock("元旦", new DateOnly(2028, 1, 1), new DateOnly(2028, 1, 3))], []).ToJson());
        await ApplyAsync(Year2027("the API"), Noon.AddDays(-1));

        await using var restarted = Build(WorkingDayCalendar.Official);
        await Sync(restarted).StartAsync(CancellationToken.None);
        await Sync(restarted).StopAsync(CancellationToken.None);

        var stored = (await StoredAsync()).ToDictionary(y => y.Year);
        Assert.Equal(CalendarYearRecord.FromApi, stored[2027].Origin);
        Assert.Equal("the API", CalendarYear.ParseJson(stored[2027].Arrangement).Source);
        Assert.Equal(CalendarYearRecord.FromFile, stored[2028].Origin);
        Assert.Equal(CalendarBasis.Official, restarted.GetRequiredService<WorkingDayCalendar>().BasisOf(2028));
    }

    [Fact]
    public async Task A_malformed_file_stops_the_start()
    {
        var files = Directory.CreateDirectory(Path.Combine(_dir.Path, "calendar")).FullName;
        _settings["Calendar:Directory"] = files;
        await File.WriteAllTextAsync(Path.Combine(files, "2027.json"), """{"year":2027,"source":"s","holidays":[{"name":"元旦","first":"2027-01-03","last":"2027-01-01"}],"makeUpWorkdays":[]}""");
        await using var restarted = Build(WorkingDayCalendar.Official);

        var error = await Assert.ThrowsAsync<CalendarYearInvalidException>(() => Sync(restarted).StartAsync(CancellationToken.None));
        Assert.Equal("holidays[0].last", error.Field);
    }

    [Theory]
    [InlineData("2026-10-31T12:00:00+08:00", null, HealthStatus.Healthy)]
    [InlineData("2026-11-01T00:30:00+08:00", null, HealthStatus.Degraded)]
    // still 31 October in UTC, already 1 November in China
    [InlineData("2026-10-31T17:00:00+00:00", null, HealthStatus.Degraded)]
    [InlineData("2026-10-15T12:00:00+08:00", "10-15", HealthStatus.Degraded)]
    [InlineData("2026-12-31T12:00:00+08:00", "never", HealthStatus.Healthy)]
    public async Task Readiness_warns_from_1_November_while_next_year_is_provisional(string now, string? warnFrom, HealthStatus expected)
    {
        var check = new CalendarReadiness(WorkingDayCalendar.Official, new FakeTimeProvider(DateTimeOffset.Parse(now)), Configuration(warnFrom));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
        if (expected == HealthStatus.Degraded) Assert.Contains("2027", result.Description);
    }

    [Fact]
    public async Task Readiness_is_healthy_again_once_next_year_is_published_and_counts_the_years_ahead()
    {
        var calendar = WorkingDayCalendar.Official;
        var check = new CalendarReadiness(calendar, new FakeTimeProvider(Noon), Configuration(null));
        Assert.Equal(0, CalendarReadiness.OfficialYearsAhead(calendar, 2026));
        Assert.Equal(1, CalendarReadiness.OfficialYearsAhead(calendar, 2025));

        calendar.Publish(Year2027());

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(1, CalendarReadiness.OfficialYearsAhead(calendar, 2026));
    }

    [Theory]
    [InlineData("11/01")]
    [InlineData("02-30")]
    [InlineData("soon")]
    public void A_mistyped_warning_day_is_refused(string setting) =>
        Assert.Throws<InvalidOperationException>(() => CalendarReadiness.WarnFrom(setting, 2025));

    private ServiceProvider Build(WorkingDayCalendar calendar)
    {
        var services = new ServiceCollection();
        services.AddSingleton(calendar);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IConfiguration>(Configuration(null));
        services.AddSingleton<IJobLock, LocalJobLock>();
        services.AddLogging();
        services.AddDbContext<TallyDbContext>(o => o.UseSqlite(_dir.SqliteConnectionString("calendar")));
        services.AddSingleton<IClockReprojector<TallyDbContext>>(_reprojector);
        services.AddScoped<CalendarYearApplier<TallyDbContext>>();
        services.AddSingleton<CalendarYearSync<TallyDbContext>>();
        return services.BuildServiceProvider();
    }

    private IConfiguration Configuration(string? warnFrom)
    {
        var settings = new Dictionary<string, string?>(_settings) { [CalendarReadiness.WarnFromKey] = warnFrom };
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static CalendarYearSync<TallyDbContext> Sync(IServiceProvider services) => services.GetRequiredService<CalendarYearSync<TallyDbContext>>();

    private async Task<int?> ApplyAsync(CalendarYear year, DateTimeOffset publishedAt)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDbContext>();
        var moved = await scope.ServiceProvider.GetRequiredService<CalendarYearApplier<TallyDbContext>>()
            .ApplyAsync(year, CalendarYearRecord.FromApi, publishedAt, CancellationToken.None);
        await db.SaveChangesAsync();
        return moved;
    }

    private async Task<List<CalendarYearRecord>> StoredAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TallyDbContext>().CalendarYears.AsNoTracking().ToListAsync();
    }
}
