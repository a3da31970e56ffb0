using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Longgang.Platform.Calendar;

/// <summary>
/// Warns operations in time: from 1 November (China date), while next year is still provisional, readiness reports
/// Degraded. Degraded still answers 200, so nothing is taken out of service: clocks keep running on the provisional
/// year, and move when the official one is published. The State Council usually publishes in late October or November.
/// <c>Calendar:WarnFrom</c> moves the day (<c>MM-dd</c>), or turns the warning off (<c>never</c>: for a test that
/// watches the other dependencies' health, whatever the date).
/// </summary>
public sealed class CalendarReadiness(WorkingDayCalendar calendar, TimeProvider clock, IConfiguration configuration) : IHealthCheck
{
    public const string Name = "working-day-calendar";
    public const string MeterName = "Longgang.Platform.Calendar";
    public const string WarnFromKey = "Calendar:WarnFrom";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow());
        var next = today.Year + 1;
        var warnFrom = WarnFrom(configuration[WarnFromKey], today.Year);
        var warn = today >= warnFrom && next <= WorkingDayCalendar.MaxYear && calendar.BasisOf(next) == CalendarBasis.Provisional;
        return Task.FromResult(warn
            ? HealthCheckResult.Degraded($"{next} is provisional (statutory holidays only): publish the State Council's arrangement for {next} (docs/operations.md)")
            : HealthCheckResult.Healthy($"{OfficialYearsAhead(calendar, today.Year)} official years ahead"));
    }

    /// <summary>The day of <paramref name="year"/> from which to warn; <see cref="DateOnly.MaxValue"/> for never.</summary>
    public static DateOnly WarnFrom(string? setting, int year)
    {
        if (string.IsNullOrWhiteSpace(setting)) return new DateOnly(year, 11, 1);
        if (setting == "never") return DateOnly.MaxValue;
        return DateOnly.TryParseExact($"{year}-{setting}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InvalidOperationException($"{WarnFromKey} must be a day of the year as MM-dd (e.g. 11-01) or \"never\", not \"{setting}\".");
    }

    /// <summary>How many years after <paramref name="year"/>, one after another, have official data.</summary>
    public static int OfficialYearsAhead(WorkingDayCalendar calendar, int year)
    {
        var ahead = 0;
        while (year + ahead + 1 <= WorkingDayCalendar.MaxYear && calendar.BasisOf(year + ahead + 1) == CalendarBasis.Official) ahead++;
        return ahead;
    }

    /// <summary><c>platform_calendar_official_years_ahead</c>: alert when it is 0 from November on.</summary>
    public static void ObserveYearsAhead(Meter meter, WorkingDayCalendar calendar, TimeProvider clock) =>
        meter.CreateObservableGauge("platform.calendar.official_years_ahead",
            () => OfficialYearsAhead(calendar, WorkingDayCalendar.ChinaDateOf(clock.GetUtcNow()).Year),
            unit: "{year}", description: "Years after the current one with the State Council's official holiday arrangement");
}
