using Longgang.Platform.Calendar;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

/// <summary>
/// One pass: every approved, unpaid entitlement whose valid-until is at most <c>Talent:ClaimExpiryNoticeDays</c>
/// (default 14) days away and whose claimant has not been warned yet records <see cref="Contracts.Events.V1.EntitlementExpiring"/>,
/// each claim in its own transaction. The claim keeps when it was warned, so however often the pass runs (or on however
/// many replicas) a claim is warned once: a concurrent warning fails its save on the claim's revision.
/// </summary>
public sealed class EntitlementExpiryWarningPass(TalentDbContext db, TimeProvider clock, IConfiguration configuration,
    ILogger<EntitlementExpiryWarningPass> logger)
{
    public const string NoticeDaysKey = "Talent:ClaimExpiryNoticeDays";
    public const int DefaultNoticeDays = 14;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var noticeDays = configuration.GetValue(NoticeDaysKey, DefaultNoticeDays);
        if (noticeDays < 0) throw new InvalidOperationException($"{NoticeDaysKey} must not be negative.");
        var now = clock.GetUtcNow();
        var horizon = WorkingDayCalendar.ChinaDateOf(now).AddDays(noticeDays);
        var due = await db.Claims.Where(c => c.Status == Domain.ClaimStatus.Approved && c.ExpiryWarnedAt == null && c.ValidUntil <= horizon)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var warned = 0;
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            try
            {
                var claim = await db.Claims.SingleAsync(c => c.Id == id, cancellationToken);
                if (!claim.WarnOfExpiry(now, noticeDays)) continue;
                await db.SaveChangesAsync(cancellationToken); // the claim and its event in the outbox, in one transaction
                warned++;
            }
            catch (DbUpdateConcurrencyException ex)
            {
                logger.LogInformation(ex, "Claim {Claim} changed while warning of its expiry; left as it is", id);
            }
        }
        return warned;
    }
}
