using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Runs <see cref="CaseEscalation"/> every <c>Governance:Escalation:IntervalSeconds</c> (default 300) on the replica
/// that holds the job lock; the others skip their turn. A failed pass is logged and the next tick tries again: the
/// pass only catches up with the due days, so a missed tick delays an escalation, never loses it.
/// </summary>
public sealed class CaseEscalator : BackgroundService
{
    public const string LockName = "governance:case-escalator";
    public const string IntervalKey = "Governance:Escalation:IntervalSeconds";

    /// <summary>Far longer than a pass takes; it only matters when a holder dies without releasing the lock.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly IServiceScopeFactory _scopes;
    private readonly IJobLock _jobLock;
    private readonly TimeProvider _clock;
    private readonly ILogger<CaseEscalator> _logger;

    public CaseEscalator(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, IConfiguration configuration, ILogger<CaseEscalator> logger)
    {
        var seconds = configuration.GetValue(IntervalKey, 300);
        if (seconds <= 0)
            throw new InvalidOperationException($"{IntervalKey} must be a positive number of seconds, not {seconds}.");
        Interval = TimeSpan.FromSeconds(seconds);
        _scopes = scopes;
        _jobLock = jobLock;
        _clock = clock;
        _logger = logger;
    }

    public TimeSpan Interval { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // the timer runs on the injected clock, so a FakeTimeProvider drives it in tests
        using var timer = new PeriodicTimer(Interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await TryRunPassAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick: a pass in a fresh scope if this replica gets the lock. Returns whether a pass ran to the end.</summary>
    public async Task<bool> TryRunPassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var held = await _jobLock.TryAcquireAsync(LockName, Lease, cancellationToken);
            if (held is null)
            {
                _logger.LogDebug("Another replica holds {Lock}; skipping this escalation pass", LockName);
                return false;
            }
            await using var scope = _scopes.CreateAsyncScope();
            var (escalated, failed) = await scope.ServiceProvider.GetRequiredService<CaseEscalation>().RunOnceAsync(cancellationToken);
            if (escalated + failed > 0)
                _logger.LogInformation("Escalation pass: {Escalated} cases escalated, {Failed} failed", escalated, failed);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Escalation pass failed; trying again in {Interval}", Interval);
            return false;
        }
    }
}

/// <summary>
/// One pass: every case whose clock runs and whose due day has passed by a working day moves up one level
/// (<see cref="Case.TryEscalate"/>), with its <c>CaseEscalated</c> event in the same save. Each case is saved on its
/// own, so one bad row does not hold up the others; a case changed meanwhile by a person is left for the next pass.
/// </summary>
public sealed class CaseEscalation(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar, ILogger<CaseEscalation> logger)
{
    /// <summary>Cases read per pass; the rest wait a tick.</summary>
    public const int BatchSize = 500;

    public async Task<(int Escalated, int Failed)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = WorkingDayCalendar.ChinaDateOf(now);
        var running = Case.ClockRunning.ToList();
        // due before today is necessary (the domain checks that a working day has passed since); a case already at
        // city level has nowhere to go
        var candidates = await db.Cases.AsNoTracking()
            .Where(c => running.Contains(c.Status) && c.DueOn < today && c.EscalationLevel != EscalationLevel.City)
            .OrderBy(c => c.DueOn)
            .Select(c => c.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        int escalated = 0, failed = 0;
        foreach (var id in candidates)
        {
            try
            {
                var overdue = await db.Cases.FirstAsync(c => c.Id == id, cancellationToken);
                if (!overdue.TryEscalate(now, calendar)) continue;
                foreach (var integrationEvent in overdue.PendingEvents) db.AddIntegrationEvent(integrationEvent);
                await db.SaveChangesAsync(cancellationToken);
                escalated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // someone acted on the case at the same moment (or another replica escalated it): the next pass looks again
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Could not escalate case {CaseId}", id);
                failed++;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return (escalated, failed);
    }
}
