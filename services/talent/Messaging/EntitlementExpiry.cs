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
                if (!claim.Expire(now)) continue;
                await db.ReleaseBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
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

/// <summary>
/// Runs <see cref="EntitlementExpiryWarningPass"/>, then <see cref="EntitlementExpiryPass"/>, every
/// <c>Talent:Expiry:IntervalSeconds</c> (default 300) on the replica holding the job lock; a missed tick makes a warning
/// or an expiry late, never lost.
/// </summary>
public sealed class EntitlementExpiryJob(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, IConfiguration configuration,
    ILogger<EntitlementExpiryJob> logger) : ScheduledJob(scopes, jobLock, clock, logger, LockName, IntervalFrom(configuration, IntervalKey, 300))
{
    public const string LockName = "talent:entitlement-expiry";
    public const string IntervalKey = "Talent:Expiry:IntervalSeconds";

    protected override async Task<string?> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var warned = await services.GetRequiredService<EntitlementExpiryWarningPass>().RunOnceAsync(cancellationToken);
        var expired = await services.GetRequiredService<EntitlementExpiryPass>().RunOnceAsync(cancellationToken);
        return warned + expired > 0 ? $"{warned} claimants warned of expiry, {expired} unpaid entitlements expired" : null;
    }
}
