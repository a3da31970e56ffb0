using System.Diagnostics.Metrics;
using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Grpc;
using Longgang.Platform.Calendar;
using Longgang.Platform.Data;
using Longgang.Platform.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Approvals.Messaging;

/// <summary>
/// Runs <see cref="SlaSupervision"/> every <c>Approvals:Sla:IntervalSeconds</c> (default 60) on the replica that holds the
/// job lock. The pass only catches up with the clocks, so a missed minute delays a warning, never loses it; an
/// overlapping pass is harmless: warnings are unique per clock and level, and a deemed acceptance is refused by the
/// application's revision check.
/// </summary>
public sealed class SlaSupervisor(IServiceScopeFactory scopes, IJobLock jobLock, TimeProvider clock, IConfiguration configuration,
    ILogger<SlaSupervisor> logger, SlaMetrics metrics) : ScheduledJob(scopes, jobLock, clock, logger, LockName, IntervalFrom(configuration, IntervalKey, 60))
{
    public const string LockName = "approvals:sla-supervisor";
    public const string IntervalKey = "Approvals:Sla:IntervalSeconds";

    protected override async Task<string?> RunPassAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<SlaSupervision>().RunOnceAsync(cancellationToken);
        metrics.ReportOpenWithRedWarning(result.OpenWithRedWarning);
        return result.DeemedAccepted + result.WarningsRaised + result.Failed > 0
            ? $"{result.DeemedAccepted} deemed accepted, {result.WarningsRaised} warnings raised, {result.Failed} applications failed"
            : null;
    }
}

/// <summary>
/// <c>platform_approvals_sla_red_warnings</c>: open applications with a red warning, as the last supervision pass on
/// this replica counted them (nothing before a pass ran here; the replica holding the job lock reports).
/// </summary>
public sealed class SlaMetrics
{
    public const string MeterName = "Longgang.Approvals.Sla";

    private int? _openWithRedWarning;

    public SlaMetrics(IMeterFactory meters) =>
        meters.Create(MeterName).CreateObservableGauge("platform.approvals.sla_red_warnings", Observe,
            unit: "{application}", description: "Open applications with a red SLA warning");

    public void ReportOpenWithRedWarning(int count) => _openWithRedWarning = count;

    private IEnumerable<Measurement<int>> Observe() => _openWithRedWarning is { } count ? [new Measurement<int>(count)] : [];
}

/// <summary>What one pass did. <see cref="Failed"/> counts applications skipped because of an error (logged).</summary>
public sealed record SlaPassResult(int DeemedAccepted, int WarningsRaised, int Failed, int OpenWithRedWarning = 0);

/// <summary>
/// One pass of electronic supervision (电子监察): applies the deemed-acceptance rule to applications still waiting for
/// acceptance, then raises the yellow and red warnings of every running clock that has reached a level, once each.
/// Each application is saved on its own, so one bad row does not hold up the others.
/// </summary>
public sealed class SlaSupervision(
    ApprovalsDbContext db, HybridCache cache, TimeProvider clock, WorkingDayCalendar calendar, ILogger<SlaSupervision> logger)
{
    /// <summary>Applications read at a time for warnings; also the most deemed acceptances per pass (the rest wait a tick).</summary>
    public const int BatchSize = 200;

    private static readonly ApplicationStatus[] ClosedStatuses = [ApplicationStatus.NotAccepted, ApplicationStatus.Rejected, ApplicationStatus.Issued];

    public async Task<SlaPassResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // acceptances first: a deemed acceptance starts clocks that may already be overdue
        var (deemed, deemFailures) = await DeemAcceptancesAsync(now, cancellationToken);
        var (raised, warningFailures) = await RaiseWarningsAsync(now, cancellationToken);
        var openWithRedWarning = await db.Applications.CountAsync(a => !ClosedStatuses.Contains(a.Status)
            && db.SlaWarnings.Any(w => w.ApplicationId == a.Id && w.Level == WarningLevel.Red), cancellationToken);
        return new SlaPassResult(deemed, raised, deemFailures + warningFailures, openWithRedWarning);
    }

    private async Task<(int Deemed, int Failed)> DeemAcceptancesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The window is counted in working days, so it always spans more calendar days than that: anything received in
        // the last CorrectionWindowDays calendar days cannot qualify yet and is not even read.
        var receivedBefore = now.AddDays(-Application.CorrectionWindowDays);
        var candidates = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted && a.ReceivedAt < receivedBefore)
            .OrderBy(a => a.ReceivedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var matters = new Dictionary<(string, int), Matter?>();
        int deemed = 0, failed = 0;
        foreach (var candidate in candidates)
        {
            try
            {
                var key = (candidate.MatterCode, candidate.MatterVersion);
                if (!matters.TryGetValue(key, out var matter))
                    matters[key] = matter = await db.MatterVersionAsync(candidate.MatterCode, candidate.MatterVersion, cancellationToken);
                if (matter is null)
                    throw new InvalidOperationException($"Matter {candidate.MatterCode} v{candidate.MatterVersion} is missing.");
                // the domain decides on the untracked copy; only the applications the rule applies to are loaded for change
                if (!candidate.TryDeemAccepted(matter, now, calendar)) continue;

                var application = await db.Applications.FirstAsync(a => a.Id == candidate.Id, cancellationToken);
                if (!application.TryDeemAccepted(matter, now, calendar)) continue; // a clerk got there in between
                await db.SaveChangesAsync(cancellationToken);
                await cache.RemoveAsync(ApprovalsGrpcService.ApplicationCacheKey(application.Id), CancellationToken.None);
                deemed++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // a clerk accepted or sent a correction notice at the same moment, or another replica deemed it: theirs stands
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Could not apply deemed acceptance to application {ApplicationId}", candidate.Id);
                failed++;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return (deemed, failed);
    }

    private async Task<(int Raised, int Failed)> RaiseWarningsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = WorkingDayCalendar.ChinaDateOf(now);
        int raised = 0, failed = 0;
        // Only the states SlaRules has clocks for: in review, approved (issuance) and an open rectification. Offset
        // paging over a set that may change meanwhile can miss an application in one pass; the next pass sees it.
        for (var offset = 0; ; offset += BatchSize)
        {
            var batch = await db.Applications.AsNoTracking()
                .Where(a => a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Approved
                    || (a.Rectification != null && a.Rectification.ClosedAt == null))
                .OrderBy(a => a.Id)
                .Skip(offset)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            var ids = batch.Select(a => a.Id).ToList();
            var existing = (await db.SlaWarnings.AsNoTracking()
                    .Where(w => ids.Contains(w.ApplicationId))
                    .Select(w => new { w.ApplicationId, w.Scope, w.DepartmentCode, w.Level })
                    .ToListAsync(cancellationToken))
                .Select(w => (w.ApplicationId, w.Scope, w.DepartmentCode, w.Level))
                .ToHashSet();

            foreach (var application in batch)
            {
                try
                {
                    var warnings = NewWarnings(application, today, now, existing);
                    if (warnings.Count == 0) continue;
                    db.SlaWarnings.AddRange(warnings);
                    await db.SaveChangesAsync(cancellationToken);
                    raised += warnings.Count;
                }
                catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
                {
                    // another replica raised the same warnings a moment earlier
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Could not check the SLA clocks of application {ApplicationId}", application.Id);
                    failed++;
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }
            if (batch.Count < BatchSize) return (raised, failed);
        }
    }

    /// <summary>
    /// The warning for each clock's current level, unless raised before. Only the current level: a clock first seen
    /// past its limit (a deemed acceptance counted from the receipt day, a pass missed over a long outage) gets a red
    /// warning alone, since a yellow "90% used" would arrive after the fact. For the same reason no yellow follows a red
    /// (after an extension): the department already knows it is late.
    /// </summary>
    private List<SlaWarning> NewWarnings(Application application, DateOnly today, DateTimeOffset now,
        HashSet<(Guid, WarningScope, string, WarningLevel)> existing)
    {
        var warnings = new List<SlaWarning>();
        foreach (var clock in SlaRules.ClocksOf(application, today, calendar))
        {
            if (SlaRules.LevelOf(clock.ElapsedWorkingDays, clock.LimitWorkingDays) is not { } level) continue;
            bool Raised(WarningLevel l) => existing.Contains((application.Id, clock.Scope, clock.DepartmentCode, l));
            if (Raised(level) || (level == WarningLevel.Yellow && Raised(WarningLevel.Red))) continue;
            warnings.Add(SlaWarning.Raise(application.Id, application.MatterCode, application.DistrictCode, clock, level, now));
        }
        return warnings;
    }
}
