namespace Longgang.Platform.Testing;

/// <summary>
/// For tests of a fixed-window rate limit whose windows are aligned to the clock (the gateway's Redis limiter counts in
/// windows of <c>now / window</c>): a run that crosses a window's end sees the count start again, and a check of "the
/// next request is refused" fails through no fault of the limiter. So a run is repeated, as a new client, until one
/// fits inside a single window; the test asserts on that run's observations only.
/// </summary>
public static class FixedWindows
{
    /// <summary>
    /// Runs <paramref name="run"/> (given the attempt number, to make a client of its own from it) until it starts and
    /// ends in the same window of <paramref name="clock"/>; returns what that run observed.
    /// </summary>
    public static async Task<T> WithinOneWindowAsync<T>(TimeSpan window, TimeProvider clock, Func<int, Task<T>> run)
    {
        const int attempts = 3;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var started = Index(clock, window);
            var observed = await run(attempt);
            if (Index(clock, window) == started) return observed;
        }
        throw new InvalidOperationException($"{attempts} runs in a row crossed the end of a {window} window: the run is too slow for the window.");
    }

    /// <summary>The window the clock is in, as the limiter numbers them.</summary>
    public static long Index(TimeProvider clock, TimeSpan window) =>
        clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)window.TotalMilliseconds;
}
