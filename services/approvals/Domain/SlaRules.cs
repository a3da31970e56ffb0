using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform.Calendar;
using Longgang.Platform.Domain;

namespace Longgang.Approvals.Domain;

public enum WarningLevel
{
    Yellow = 1, // 90% of the limit used
    Red = 2,    // overdue
}

public enum WarningScope
{
    Application = 1,   // the whole application against its promised limit
    Step = 2,          // one department's pending review step (joint matters)
    Certificate = 3,   // issuance after an approval
    Rectification = 4, // a bad rating's rectification item
}

/// <summary>
/// A warning the supervisor raised, once per application, scope, department and level. Raising it records
/// <see cref="SlaWarningRaised"/>, which saving the warning writes to the outbox.
/// </summary>
public sealed class SlaWarning : Aggregate
{
    public Guid Id { get; private set; }
    public Guid ApplicationId { get; private set; }
    public string MatterCode { get; private set; } = "";
    /// <summary>The department that must act.</summary>
    public string DepartmentCode { get; private set; } = "";
    public WarningScope Scope { get; private set; }
    public WarningLevel Level { get; private set; }
    public DateOnly DueOn { get; private set; }
    public int ElapsedWorkingDays { get; private set; }
    public int LimitWorkingDays { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    private SlaWarning() { }

    /// <summary>The warning of <paramref name="clock"/> at <paramref name="level"/> (see <see cref="SlaRules.LevelOf"/>).</summary>
    public static SlaWarning Raise(Guid applicationId, string matterCode, string? districtCode, SlaClock clock, WarningLevel level, DateTimeOffset now)
    {
        var warning = new SlaWarning
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = applicationId,
            MatterCode = matterCode,
            DepartmentCode = clock.DepartmentCode,
            Scope = clock.Scope,
            Level = level,
            DueOn = clock.DueOn,
            ElapsedWorkingDays = clock.ElapsedWorkingDays,
            LimitWorkingDays = clock.LimitWorkingDays,
            RaisedAt = now,
        };
        warning.Record(new SlaWarningRaised(warning.Id, applicationId, matterCode, clock.DepartmentCode, EnumNames.Of(clock.Scope),
            EnumNames.Of(level), clock.DueOn, clock.ElapsedWorkingDays, clock.LimitWorkingDays, now, districtCode));
        return warning;
    }
}

/// <summary>One running clock of an application: who must act, by when, and how much of the limit is used.</summary>
public sealed record SlaClock(WarningScope Scope, string DepartmentCode, DateOnly DueOn, int ElapsedWorkingDays, int LimitWorkingDays);

/// <summary>Electronic supervision (电子监察): which clocks run, and how far along they are.</summary>
public static class SlaRules
{
    /// <summary>Yellow once 90% of the limit is used, red once it is exceeded; none before.</summary>
    public static WarningLevel? LevelOf(int elapsed, int limit) =>
        elapsed > limit ? WarningLevel.Red
        : limit > 0 && 10 * elapsed >= 9 * limit ? WarningLevel.Yellow
        : null;

    /// <summary>
    /// The clocks running on <paramref name="today"/>: in review, the application's promised limit (and, when
    /// several departments review in parallel, each pending step's); after an approval, issuance; after a bad
    /// rating, rectification. A suspended application's clocks are paused, so it has none.
    /// </summary>
    public static IReadOnlyList<SlaClock> ClocksOf(Application application, DateOnly today, WorkingDayCalendar calendar)
    {
        var clocks = new List<SlaClock>();
        switch (application.Status)
        {
            case ApplicationStatus.InReview:
                var elapsed = application.ElapsedOn(today, calendar);
                var limit = application.PromisedLimitWithExtension;
                var due = application.PromisedDueOn!.Value;
                clocks.Add(new SlaClock(WarningScope.Application, application.DepartmentCode, due, elapsed, limit));
                if (application.Steps.Count > 1)
                {
                    clocks.AddRange(application.Steps.Where(s => s.Status == StepStatus.Pending)
                        .Select(s => new SlaClock(WarningScope.Step, s.DepartmentCode, due, elapsed, limit)));
                }

                break;
            case ApplicationStatus.Approved:
                var decidedOn = WorkingDayCalendar.ChinaDateOf(application.DecidedAt!.Value);
                clocks.Add(new SlaClock(WarningScope.Certificate, application.DepartmentCode, application.CertificateDueOn!.Value,
                    Elapsed(decidedOn, today, calendar), Application.CertificateLimitDays));
                break;
        }
        if (application.Rectification is { IsClosed: false } rectification)
        {
            clocks.Add(new SlaClock(WarningScope.Rectification, application.DepartmentCode, rectification.DueOn,
                Elapsed(rectification.OpenedOn, today, calendar), Application.RectificationLimitDays));
        }

        return clocks;
    }

    private static int Elapsed(DateOnly from, DateOnly today, WorkingDayCalendar calendar) =>
        today <= from ? 0 : calendar.CountWorkingDays(from, today);
}
