using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Longgang.Bench;

/// <summary>The markdown results file: machine, commands, a section per suite, and every goal as MET or MISSED.</summary>
public sealed partial class Report
{
    private readonly StringBuilder _sections = new();
    private readonly List<(string Goal, string Measured, bool Met)> _goals = [];

    public void Section(string title) => _sections.AppendLine().AppendLine($"## {title}").AppendLine();
    public void Line(string text = "") => _sections.AppendLine(text);

    public void Table(string[] header, IEnumerable<string[]> rows)
    {
        _sections.AppendLine("| " + string.Join(" | ", header) + " |");
        _sections.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows) _sections.AppendLine("| " + string.Join(" | ", row) + " |");
        _sections.AppendLine();
    }

    public void Goal(string goal, string measured, bool met) => _goals.Add((goal, measured, met));

    public static (string Description, string Slug) Machine()
    {
        var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var memGb = Math.Round(long.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1024.0 / 1024.0);
        var cores = Environment.ProcessorCount;
        var description = $"{cores} cores, {memGb:0} GB memory, {model}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}";
        var cpu = NonAlphanumeric().Replace(model.ToLowerInvariant().Replace("(r)", "").Replace("(tm)", "").Replace(" cpu", "").Split('@')[0], "-").Trim('-');
        return (description, $"{cores}core-{memGb:0}gb-{cpu}");
    }

    public string Render(BenchOptions options, TimeSpan elapsed)
    {
        var (machine, _) = Machine();
        var text = new StringBuilder();
        text.AppendLine($"# Benchmark results {DateTime.Now:yyyy-MM-dd}{(options.Quick ? " (--quick)" : "")}").AppendLine();
        text.AppendLine($"- Machine: {machine}");
        text.AppendLine($"- Command: `{options.CommandLine}` ({elapsed.TotalMinutes:0.0} min including container start)");
        text.AppendLine("- Figures are median (min-max) over the rounds; A and B ran alternately in one run, so ratios compare like with like.");
        text.AppendLine($"- Processes: approvals, governance, gateway (workstation GC), gateway (server GC, full run only), bare YARP proxy, and for suite 5 a second approvals and governance, a gateway and a bare YARP balancer: each its own `dotnet <dll>` ({options.Configuration} build); PostgreSQL, RabbitMQ, Redis in containers; the load generator is the bench process on the same cores.");
        text.AppendLine().AppendLine("## Goals").AppendLine();
        text.AppendLine("| goal | measured | verdict |").AppendLine("|---|---|---|");
        foreach (var (goal, measured, met) in _goals) text.AppendLine($"| {goal} | {measured} | **{(met ? "MET" : "MISSED")}** |");
        text.Append(_sections);
        return text.ToString();
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
