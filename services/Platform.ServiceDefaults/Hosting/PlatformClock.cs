using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Longgang.Platform;

/// <summary>
/// The platform's <see cref="TimeProvider"/>: the system clock, unless <c>Clock:Start</c> (environment variable
/// <c>Clock__Start</c>) sets it, for tests and demos, to an ISO-8601 instant with an offset such as
/// <c>2027-03-15T10:00:00+08:00</c>. The clock then reads that instant when the process started and advances with
/// real time; timers, delays and timestamps are the system's, unchanged. It lets the whole test suite, or a demo,
/// run on another day (a year without an official holiday notice, the last days of a year) without waiting for it.
/// </summary>
/// <remarks>
/// Anchored to the process's start rather than to the first reading, so every host in one process (the embedded
/// platform, a test's services and gateways) reads the same time, and a process started by another one gets the
/// same time when given the starter's current reading as its <c>Clock:Start</c>. Refused in the Production
/// environment: a deployed service must never run on a made-up date (the chart never sets it).
/// </remarks>
public static class PlatformClock
{
    public const string StartKey = "Clock:Start";

    /// <summary>The clock <paramref name="configuration"/> asks for; throws when it is set in Production or malformed.</summary>
    public static TimeProvider From(IConfiguration configuration, IHostEnvironment environment)
    {
        var start = configuration[StartKey];
        if (string.IsNullOrWhiteSpace(start)) return TimeProvider.System;
        if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"'{StartKey}' shifts the platform's clock for tests and demos and is refused in the Production environment.");
        }

        return StartingAt(ParseStart(start));
    }

    /// <summary>A clock that read <paramref name="start"/> when this process started and advances with real time.</summary>
    public static TimeProvider StartingAt(DateTimeOffset start) => new ShiftedClock(start - ProcessStarted);

    /// <summary>An ISO-8601 instant with an explicit offset (<c>Z</c> or <c>±hh:mm</c>): a bare local time is refused.</summary>
    public static DateTimeOffset ParseStart(string value)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (DateTimeOffset.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            return start;
        throw new InvalidOperationException(
            $"'{StartKey}' must be an ISO-8601 instant with an offset, e.g. 2027-03-15T10:00:00+08:00; got '{value}'.");
    }

    private static readonly DateTimeOffset ProcessStarted = StartOfThisProcess();

    private static DateTimeOffset StartOfThisProcess()
    {
        using var process = Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
