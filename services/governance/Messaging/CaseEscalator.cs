using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Runs <see cref="CaseEscalation"/> every <c>Governance:Escalation:IntervalSeconds</c> (default 300) on the replica
/// that holds the job lock. The pass only catches up with the due days, so a missed tick delays an escalation, never
/// loses it.
/// </summary>
public sealed class CaseEscalator(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, IConfiguration configuration,
    ILogger<CaseEscalator> logger) : ScheduledJob(scopes, jobLock, clock, logger, LockName, IntervalFrom(configuration, IntervalKey, 300))
{
    public const string LockName = "governance:case-escalator";
    public const string IntervalKey = "Governance:Escalation:IntervalSeconds";

    protected override async Task<string?> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (escalated, failed) = await services.GetRequiredService<CaseEscalation>().RunOnceAsync(cancellationToken);
        return escalated + failed > 0 ? $"{escalated} cases escalated, {failed} failed" : null;
    }
}

/// <summary>
/// One pass: every case whose clock runs and whose due day has passed by a working day moves up one level
/// (<see cref="Case.TryEscalate"/>) onto the least-loaded holder of that level's post (<see cref="CaseOwners"/>), with
/// its <c>CaseEscalated</c> event in the same save (the owner hears of it through <see cref="CaseOwnerNotifier"/>). Each case is saved on its
/// own, so one bad row does not hold up the others; a case changed meanwhile by a person is left for the next pass.
/// </summary>
public sealed class CaseEscalation(GovernanceDbContext db, CaseOwners owners, TimeProvider clock, WorkingDayCalendar calendar, ILogger<CaseEscalation> logger)
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
                var next = overdue.EscalationLevel + 1;
                var owner = await owners.PickAsync(overdue, next, today, cancellationToken);
                if (!overdue.TryEscalate(now, calendar, level => level == next ? owner : null)) continue;
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
