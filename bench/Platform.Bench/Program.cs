using System.Diagnostics;
using Longgang.Bench;

// The platform's hot paths against their physical limits; see bench/README.md. bench/run builds and calls this.
var quick = args.Contains("--quick");
var root = FindRepositoryRoot(ArgValue("--repo") ?? Directory.GetCurrentDirectory());
var options = new BenchOptions
{
    RepositoryRoot = root,
    Quick = quick,
    ResultsDirectory = ArgValue("--results") ?? Path.Combine(root, "bench", "results"),
    WorkDirectory = Directory.CreateTempSubdirectory("longgang-bench-").FullName,
    CommandLine = "bash bench/run" + (quick ? " --quick" : ""),
};
Directory.CreateDirectory(options.LogDirectory);
Console.WriteLine($"bench: {(quick ? "quick" : "full")} run; process logs in {options.LogDirectory}");

var clock = Stopwatch.StartNew();
var report = new Report();
Step("starting PostgreSQL, RabbitMQ and Redis");
await using (var infrastructure = await Infrastructure.StartAsync())
{
    Step("starting approvals, governance, the gateway(s) and the bare proxy");
    await using var platform = await PlatformProcesses.StartAsync(options, infrastructure);
    await using var bench = await BenchHost.StartAsync(infrastructure);

    // idle memory: started and warmed by a few requests, nothing else running yet; the last of these submissions is
    // also the template of the raw limit loop's rows
    using (var warm = platform.Client(platform.Gateway.Http, 1))
    {
        for (var i = 0; i < 20; i++) await PlatformProcesses.PostSubmitAsync(warm, CancellationToken.None);
    }
    var raw = await RawSubmissions.PrepareAsync(infrastructure, maxPoolSize: BenchOptions.Concurrency * 2);
    await Task.Delay(1000);
    MemorySuite.RecordIdle(new[] { platform.Approvals, platform.Governance, platform.Gateway, platform.GatewayServerGc, platform.BareProxy }.OfType<ServiceProcess>().ToArray());

    Step("suite 1, gateway hop");
    await GatewayHopSuite.RunAsync(options, platform, report);
    Step("suite 2, write path");
    await WritePathSuite.RunAsync(options, infrastructure, platform, raw, report);
    Step("suite 3, event pipeline");
    var notifier = new NotifierBinding(infrastructure.RabbitMq.GetConnectionString());
    await notifier.DetachAsync();
    await EventPipelineSuite.RunAsync(options, infrastructure, platform, raw, bench, report);
    await notifier.AttachAsync();
    Step("suite 4, memory (embedded host)");
    await MemorySuite.RunAsync(options, platform, report);
    Step("suite 5, two replicas");
    await ReplicaSuite.RunAsync(options, infrastructure, platform, report);
    OperationCosts.Render(report);
}

var (_, slug) = Report.Machine();
Directory.CreateDirectory(options.ResultsDirectory);
var file = Path.Combine(options.ResultsDirectory, $"{DateTime.Now:yyyy-MM-dd}-{slug}{(quick ? "-quick" : "")}.md");
await File.WriteAllTextAsync(file, report.Render(options, clock.Elapsed));
Console.WriteLine(await File.ReadAllTextAsync(file));
Console.WriteLine($"bench: results in {Path.GetRelativePath(root, file)} ({clock.Elapsed.TotalSeconds:0} s)");
return 0;

void Step(string what) => Console.WriteLine($"bench: [{clock.Elapsed:mm\\:ss}] {what}");

string? ArgValue(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRepositoryRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException($"No platform.sln above {start}; pass --repo <repository root>.");
}
