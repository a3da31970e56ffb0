namespace Longgang.Platform.Testing;

/// <summary>
/// "Now" for a test: the platform's clock as every host started in this test process has it, real time unless
/// <c>Clock__Start</c> shifts it (<see cref="PlatformClock"/>), so the suite passes on any date a run chooses.
/// Where a host is at hand, ask it instead (its <see cref="TimeProvider"/> and calendar from DI); this is for code that
/// runs without one (route tables, tokens of fixtures, processes a test starts).
/// </summary>
public static class TestClock
{
    private static readonly string? Start = Environment.GetEnvironmentVariable("Clock__Start") is { Length: > 0 } start ? start : null;

    public static TimeProvider Time { get; } = Start is null ? TimeProvider.System : PlatformClock.StartingAt(PlatformClock.ParseStart(Start));

    public static DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Today's date in China, where every date of the platform is.</summary>
    public static DateOnly Today => Calendar.WorkingDayCalendar.ChinaDateOf(Now);

    /// <summary>
    /// The environment variables that give a process this test starts the same clock: none on real time, else
    /// <c>Clock__Start</c> at the current reading (the process's clock starts when the process does).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ForChildProcess() => Start is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["Clock__Start"] = Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture) };
}
