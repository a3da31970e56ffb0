using Longgang.Platform.Data;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Longgang.Platform.Calendar;

/// <summary>
/// Keeps this process's calendar equal to the years stored in the service's database. At start, before requests are
/// served: the stored years, then the year files operations mount in <c>Calendar:Directory</c> (a file is taken into
/// the database when its year is not stored yet or was itself supplied by a file and changed; a year published
/// through the API wins over a file). Then every <c>Calendar:RefreshSeconds</c>, the stored years again: a
/// publication is consumed by one replica of each service, and the others learn of it here.
/// </summary>
public sealed class CalendarYearSync<TContext>(
    IServiceScopeFactory scopes, WorkingDayCalendar calendar, IJobLock jobLock, IConfiguration configuration, TimeProvider clock,
    ILogger<CalendarYearSync<TContext>> logger) : BackgroundService
    where TContext : PlatformDbContext
{
    private readonly Dictionary<int, DateTimeOffset> _loaded = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await TakeFilesAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Calendar:RefreshSeconds", 30);
        if (seconds <= 0) throw new InvalidOperationException($"Calendar:RefreshSeconds must be a positive number of seconds, not {seconds}.");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not read the stored calendar years; trying again in {Seconds} s", seconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Publishes into the calendar every stored year this process has not counted with yet.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var years = await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(cancellationToken);
        foreach (var year in years.Where(y => !_loaded.TryGetValue(y.Year, out var at) || at != y.PublishedAt))
        {
            calendar.Publish(CalendarYear.ParseJson(year.Arrangement));
            _loaded[year.Year] = year.PublishedAt;
        }
    }

    private async Task TakeFilesAsync(CancellationToken cancellationToken)
    {
        var directory = configuration["Calendar:Directory"];
        if (string.IsNullOrWhiteSpace(directory)) return;
        // parsed before anything else: a malformed file stops the service at start, not a deadline later
        var files = Directory.EnumerateFiles(directory, "*.json").Order()
            .Select(path => CalendarYear.ParseJson(File.ReadAllText(path))).ToList();
        // one replica takes the files into the database; the others count with them after their next refresh
        await using var held = await jobLock.TryAcquireAsync($"calendar-files:{typeof(TContext).Name}", ScheduledJob.Lease, cancellationToken);
        if (held is null) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var applier = scope.ServiceProvider.GetRequiredService<CalendarYearApplier<TContext>>();
        foreach (var file in files)
        {
            var stored = await db.CalendarYears.AsNoTracking().SingleOrDefaultAsync(y => y.Year == file.Year, cancellationToken);
            if (stored is { Origin: not CalendarYearRecord.FromFile }) continue;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await applier.ApplyAsync(file, CalendarYearRecord.FromFile, clock.GetUtcNow(), cancellationToken) is null) continue;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await RefreshAsync(cancellationToken);
    }
}
