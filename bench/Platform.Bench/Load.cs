using System.Diagnostics;

namespace Longgang.Bench;

/// <summary>What one timed load run measured: completed requests, failures, latencies (ms), wall time.</summary>
public sealed record LoadResult(int Completed, int Failed, double[] SortedLatenciesMs, TimeSpan Elapsed)
{
    public double Rate => Completed / Elapsed.TotalSeconds;
    public double P50 => Stats.Percentile(SortedLatenciesMs, 50);
    public double P99 => Stats.Percentile(SortedLatenciesMs, 99);
}

/// <summary>The two load shapes: closed loop (saturation) and open loop (a fixed rate, latency from the intended start).</summary>
public static class Load
{
    /// <summary>
    /// <paramref name="workers"/> loops, each sending its next request as soon as the previous one answered, for
    /// <paramref name="duration"/>. Measures capacity; its latencies include queueing by construction.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(Func<CancellationToken, Task<bool>> send, int workers, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var perWorker = new List<double>[workers];
        var failed = 0;
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<double>(4096);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await send(CancellationToken.None); }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException) { ok = false; }
                if (ok) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                else Interlocked.Increment(ref failed);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed;
        var all = perWorker.SelectMany(l => l).Order().ToArray();
        return new LoadResult(all.Length, failed, all, elapsed);
    }

    /// <summary>
    /// Starts request i at t0 + i/rate whether or not earlier ones have answered, and measures each latency from
    /// that intended start, so a stall is charged to every request it delays (no coordinated omission).
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(Func<CancellationToken, Task<bool>> send, double rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var ok = new bool[total];
        var tasks = new Task[total];
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var t0 = Stopwatch.GetTimestamp();

        // a dedicated thread keeps the schedule: the thread pool may be busy completing responses
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = t0 + (long)(i * ticksPerRequest);
                while (true)
                {
                    var wait = due - Stopwatch.GetTimestamp();
                    if (wait <= 0) break;
                    // sleep while far off; yield the core near the deadline (2 cores: never spin hard)
                    if (wait > Stopwatch.Frequency / 500) Thread.Sleep(1);
                    else Thread.Yield();
                }
                var index = i;
                tasks[index] = SendOneAsync(index, due);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler" };

        async Task SendOneAsync(int index, long due)
        {
            try { ok[index] = await send(CancellationToken.None); }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException) { ok[index] = false; }
            latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
        }

        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(t0);
        var good = latencies.Where((_, i) => ok[i]).Order().ToArray();
        return new LoadResult(good.Length, total - good.Length, good, elapsed);
    }
}
