using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Longgang.Bench;

/// <summary>
/// A built service started as its own process (<c>dotnet &lt;dll&gt;</c>), as Kubernetes would run it, so that its
/// CPU time and resident memory can be read from /proc and belong to it alone.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly long ClockTicksPerSecond = ReadClockTicks();
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServiceProcess(string name, Process process, StreamWriter log, Uri http)
    {
        Name = name;
        _process = process;
        _log = log;
        Http = http;
    }

    public string Name { get; }
    public Uri Http { get; }
    public int Pid => _process.Id;

    public static async Task<ServiceProcess> StartAsync(string name, string dll, IReadOnlyDictionary<string, string> environment,
        IEnumerable<string> arguments, Uri http, string logDirectory, string workingDirectory)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{name}: {dll} is missing; build it first (bench/run does).");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        // a Release build run as in production: no development settings, no launch profile; "Staging" only because
        // Production refuses the shared-key tokens the bench signs (it takes tokens from an OIDC authority)
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["DOTNET_ENVIRONMENT"] = "Staging";
        // the runtime settings the images set (the Dockerfiles, bench/README.md "Memory"), so memory is measured as shipped;
        // not for the embedded host, which is measured as a developer runs it, without them
        if (name != "embedded-host")
        {
            start.Environment["DOTNET_GCgen0size"] = "0x400000";
            start.Environment["MALLOC_ARENA_MAX"] = "2";
        }

        var logPath = Path.Combine(logDirectory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        // drained to a file like a container runtime drains stdout: the service pays for its logging, the console does not
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(name, process, log, http);
        await service.WaitLiveAsync(logPath);
        return service;
    }

    private async Task WaitLiveAsync(string logPath)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}; see {logPath}");
            try
            {
                using var response = await client.GetAsync(new Uri(Http, "/health/live"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer /health/live within 90 s; see {logPath}");
    }

    /// <summary>User plus system CPU time of the process so far, in microseconds (/proc/&lt;pid&gt;/stat).</summary>
    public long CpuMicroseconds() => ReadCpuMicroseconds(Pid);

    /// <summary>Resident set size in bytes (/proc/&lt;pid&gt;/status, VmRSS).</summary>
    public long RssBytes() => ReadRssBytes(Pid);

    public static long ReadCpuMicroseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // the command name (field 2) may contain spaces; fields after the closing parenthesis start at field 3 (state)
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)   // utime, field 14
                  + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);  // stime, field 15
        return ticks * 1_000_000 / ClockTicksPerSecond;
    }

    public static long ReadRssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
            var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException) { }
        lock (_log) _log.Dispose();
        _process.Dispose();
    }

    private static long ReadClockTicks()
    {
        // sysconf(_SC_CLK_TCK); 100 on every Linux we know, but ask rather than assume
        try
        {
            var ticks = Sysconf(2);
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long Sysconf(int name);
}
