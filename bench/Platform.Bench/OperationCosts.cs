using static Longgang.Bench.Stats;

namespace Longgang.Bench;

/// <summary>
/// The per-operation figures of the results file, collected by the suites: per submission and per consumed event,
/// the statements and explicit transactions that reached each database, the most frequent statements, and the CPU
/// of each process (utime+stime from /proc) divided by the operations.
/// </summary>
public static class OperationCosts
{
    private static readonly List<string[]> Databases = [];
    private static readonly List<string[]> Processes = [];
    private static readonly List<string[]> Queries = [];

    public static void Database(string operation, PerOperation figures, int topQueries)
    {
        Databases.Add([operation, figures.Database, F(figures.Statements, "0.0"), F(figures.Transactions, "0.00")]);
        Queries.AddRange(figures.TopQueries(topQueries).Select(q => (string[])[operation, .. q]));
    }

    public static void Process(string operation, string process, double cpuMicroseconds, long operations) =>
        Processes.Add([operation, process, F(cpuMicroseconds / Math.Max(1, operations), "0")]);

    public static void Render(Report report)
    {
        report.Section("Per operation (statements, transactions, CPU)");
        report.Line("Statements: `pg_stat_statements` calls (track=all: BEGIN, COMMIT, SAVEPOINT and DISCARD ALL included, as the server " +
                    "saw them); explicit transactions: its COMMIT and ROLLBACK calls (a statement outside BEGIN…COMMIT is a transaction of " +
                    "its own, counted as a statement only); both as deltas over the measured window, the bench's own counting queries left " +
                    "out, divided by the operations completed in it. Background work that ran in the window (relay polls, health checks, " +
                    "scheduled jobs) is charged to the operations: it is part of what they cost. CPU: utime+stime from /proc over the same window.");
        report.Line();
        report.Table(["operation", "database", "statements/op", "explicit transactions/op"], Databases);
        report.Table(["operation", "process", "CPU µs/op"], Processes);
        report.Line("The most frequent statements per operation:");
        report.Line();
        report.Table(["operation", "database", "calls/op", "statement"], Queries);
    }
}
