using Longgang.Platform.Calendar;
using Longgang.Platform.Hosting;
using Longgang.Talent.Contracts.Events.V1;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

/// <summary>
/// One pass: every approved entitlement unpaid past its valid-until expires, gives its amount back to the budget and
/// publishes <see cref="EntitlementExpired"/>, each claim in its own transaction. A claim changed concurrently (paid at
/// that moment) fails its save and is left as the other change made it.
/// </summary>
public sealed class EntitlementExpiryPass(TalentDbContext db, TimeProvider clock, ILogger<EntitlementExpiryPass> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = WorkingDayCalendar.ChinaDateOf(now);
        var overdue = await db.Claims.Where(c => c.Status == Domain.ClaimStatus.Approved && c.ValidUntil < today)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var id in overdue)
        {
            db.ChangeTracker.Clear();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var claim = await db.Claims.SingleAsync(c => c.Id == id, cancellationToken);
                if (!claim.Expire(today)) continue;
                await db.ReleaseBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
                db.AddIntegrationEvent(new EntitlementExpired(claim.Id, claim.ProgrammeCode, claim.Period, claim.ApplicantId, claim.Amount,
                    claim.ValidUntil!.Value, now));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                expired++;
            }
            catch (DbUpdateConcurrencyException ex)
            {
                logger.LogInformation(ex, "Claim {Claim} changed while expiring; left as it is", id);
            }
        }
        return expired;
    }
}

/// <summary>Runs <see cref="EntitlementExpiryPass"/> every <c>Talent:Expiry:IntervalSeconds</c> (default 300) on the replica holding the job lock.</summary>
public sealed class EntitlementExpiryJob(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, IConfiguration configuration,
    ILogger<EntitlementExpiryJob> logger) : BackgroundService
{
    public const string LockName = "talent:entitlement-expiry";
    public const string IntervalKey = "Talent:Expiry:IntervalSeconds";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalKey, 300);
        if (seconds <= 0) throw new InvalidOperationException($"{IntervalKey} must be a positive number of seconds, not {seconds}.");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var held = await jobLock.TryAcquireAsync(LockName, Lease, stoppingToken);
                    if (held is null) continue;
                    await using var scope = scopes.CreateAsyncScope();
                    var expired = await scope.ServiceProvider.GetRequiredService<EntitlementExpiryPass>().RunOnceAsync(stoppingToken);
                    if (expired > 0) logger.LogInformation("{Expired} unpaid entitlements expired", expired);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // the next tick catches up: an expiry is late, never lost
                    logger.LogError(ex, "Entitlement expiry pass failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
