using System.Diagnostics;

namespace Longgang.Charts.Tests;

/// <summary>The repository the tests read: found by walking up to platform.sln.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Chart => Path.Combine(Root, "charts", "platform");

    public static string Overlay(string name) => Path.Combine(Root, "k8s", "overlays", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException($"platform.sln not found above {AppContext.BaseDirectory}");
    }
}

public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n{Error}\n{Output}";
}

/// <summary>
/// The command-line tools the chart tests drive: helm, kubectl (for kustomize), node and npm (for the schema
/// check). Without them a test is skipped with the reason, except when <c>PLATFORM_REQUIRE_HELM=1</c> (as in CI):
/// then it fails, so a CI machine without helm cannot pass by skipping.
/// </summary>
public static class Tools
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private static string? HelmOrNull =>
        FirstExisting(Environment.GetEnvironmentVariable("HELM"), OnPath("helm"), Cached("helm"));

    public static bool Required => Environment.GetEnvironmentVariable("PLATFORM_REQUIRE_HELM") == "1";

    /// <summary><c>HELM</c>, else helm on PATH, else the copy ../shared/infra/get-helm.sh caches.</summary>
    public static string Helm => HelmOrNull
        ?? Missing("helm is not installed: set HELM, put helm on PATH, or run ../shared/infra/get-helm.sh");

    /// <summary><c>KUBECTL</c>, else the kubectl next to helm (get-helm.sh fetches both), else kubectl on PATH.</summary>
    public static string Kubectl => FirstExisting(Environment.GetEnvironmentVariable("KUBECTL"),
                                        HelmOrNull is { } helm ? Path.Combine(Path.GetDirectoryName(helm)!, "kubectl") : null,
                                        OnPath("kubectl"), Cached("kubectl"))
        ?? Missing("kubectl (for kustomize) is not installed: set KUBECTL, put it on PATH, or run ../shared/infra/get-helm.sh");

    /// <summary><c>PROMTOOL</c>, else promtool on PATH (Debian's prometheus package installs /usr/bin/promtool).</summary>
    public static string Promtool => FirstExisting(Environment.GetEnvironmentVariable("PROMTOOL"), OnPath("promtool"), "/usr/bin/promtool")
        ?? Missing("promtool is not installed: apt-get install prometheus, or set PROMTOOL");

    public static string Node => OnPath("node") ?? Missing("node is not installed (the schema check runs on Node.js)");

    public static string Npm => OnPath("npm") ?? Missing("npm is not installed (the schema check installs its packages with it)");

    public static async Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} took longer than {Timeout}");
        }
        return new ToolResult(process.ExitCode, await output, await error);
    }

    public static async Task<string> RunOrFailAsync(string file, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var result = await RunAsync(file, arguments, workingDirectory);
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed: {result}");
        return result.Output;
    }

    private static string? FirstExisting(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string Cached(string name)
    {
        var home = Environment.GetEnvironmentVariable("PLATFORM_INFRA_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "platform-infra");
        return Path.Combine(home, "tools", name);
    }

    private static string Missing(string reason)
    {
        if (Required) Assert.Fail($"{reason} (PLATFORM_REQUIRE_HELM=1)");
        Assert.Skip(reason);
        return null!; // Assert.Skip throws
    }
}
