namespace Longgang.Bench;

/// <summary>Where things are and how long each suite runs; <c>--quick</c> is the CI smoke test (about 4 minutes).</summary>
public sealed class BenchOptions
{
    public required string RepositoryRoot { get; init; }
    public required bool Quick { get; init; }
    public required string ResultsDirectory { get; init; }
    public required string WorkDirectory { get; init; }
    public string LogDirectory => Path.Combine(WorkDirectory, "logs");
    public string CommandLine { get; init; } = "";

    // suite 1: gateway hop
    public int HopRounds => Quick ? 1 : 5;
    public int HopWorkers => 32;
    public TimeSpan HopWarmup => TimeSpan.FromSeconds(Quick ? 0.5 : 1);
    public TimeSpan HopSaturation => TimeSpan.FromSeconds(Quick ? 2 : 5);
    public TimeSpan HopFixedRate => TimeSpan.FromSeconds(Quick ? 2 : 6);

    /// <summary>Concurrent submitters of every closed write loop, the platform's and its limits' alike.</summary>
    public const int Concurrency = 16;

    // suite 2: write path
    public int WriteRounds => Quick ? 1 : 4;
    public int WriteWorkers => Concurrency;
    public TimeSpan WriteDuration => TimeSpan.FromSeconds(Quick ? 2 : 6);

    // suite 3: event pipeline
    public int EventRounds => Quick ? 1 : 3;
    // short bursts: beyond what the relay drains, a longer burst only lengthens the backlog being timed
    public TimeSpan EventDuration => TimeSpan.FromSeconds(Quick ? 1 : 3);

    // suite 4: the embedded host under a short write load
    public TimeSpan EmbeddedLoad => TimeSpan.FromSeconds(Quick ? 2 : 5);

    // suite 5: one replica, then two, of approvals and governance
    public int ReplicaRounds => Quick ? 1 : 3;
    public TimeSpan ReplicaDuration => TimeSpan.FromSeconds(Quick ? 2 : 6);

    /// <summary>The build the processes run from: Release to measure; Debug for the smoke test (bench/run builds the same).</summary>
    public string Configuration => Quick ? "Debug" : "Release";

    public string Dll(string projectDirectory, string assemblyName) =>
        Path.Combine(RepositoryRoot, projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
}
