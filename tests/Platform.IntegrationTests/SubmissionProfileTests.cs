using System.Text.RegularExpressions;
using Longgang.Platform.Notifications;
using Longgang.Platform.Testing;
using Npgsql;

namespace Longgang.Platform.IntegrationTests;

/// <summary>
/// Issue 19: what one submission through the gateway costs approvals' PostgreSQL, counted where it arrives (the server's
/// statement log), with everything that follows from it: the request, the outbox relay, the applicant's receipt and
/// its delivery. A count, not a time: it does not depend on the machine's load. bench/README.md ("Profile: one
/// submission on approvals") has the figures before and after.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class SubmissionProfileTests(PlatformFixture platform, ITestOutputHelper output)
{
    private const int Submissions = 20;

    // Issue 19: 38.3 statements in 4.2 transactions before, 17.3 in 3.0 after (bench/README.md). The bounds leave room
    // for the idle polls (relay, dispatcher) that fall into the window, not for a cause coming back: the connection
    // reset alone would add 9 statements, the savepoints 6, the audit's own transaction 2.
    private const double MaxStatements = 20;
    private const double MaxTransactions = 3.5;

    [Fact]
    public async Task A_submission_and_what_follows_from_it_reach_postgres_in_a_bounded_number_of_statements()
    {
        platform.RequireDocker();
        // warm up: the first submission fills the caches and the pools, as every later one finds them
        await SubmitAsync(platform.IssueToken(PlatformRoles.Citizen, $"citizen-{Guid.NewGuid():N}"));
        await using var log = await PostgresStatementLog.StartAsync(platform.Postgres, "approvals");

        var citizens = Enumerable.Range(0, Submissions).Select(_ => $"citizen-{Guid.NewGuid():N}").ToList();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        foreach (var citizen in citizens) await SubmitAsync(platform.IssueToken(PlatformRoles.Citizen, citizen));
        await Eventually.WaitUntilAsync(() => AllReceiptsDeliveredAsync(citizens), "every receipt delivered");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        var statements = (await log.StopAsync()).Sql;
        var per = (double x) => x / Submissions;
        output.WriteLine($"per submission: {per(statements.Count):0.0} statements, {per(statements.Count(IsBegin)):0.0} transactions, " +
                         $"{per(statements.Count(s => s.StartsWith("DISCARD ALL", StringComparison.Ordinal))):0.0} DISCARD ALL, " +
                         $"{per(statements.Count(s => s.StartsWith("SAVEPOINT", StringComparison.Ordinal))):0.0} SAVEPOINT, " +
                         $"{allocated / Submissions / 1024.0:0} KiB allocated in the test process (gateway and all four services)");
        foreach (var group in statements.GroupBy(Shape).OrderByDescending(g => g.Count()))
            output.WriteLine($"{per(group.Count()),6:0.00}  {group.Key}");

        Assert.True(per(statements.Count) <= MaxStatements, $"{per(statements.Count):0.0} statements per submission, at most {MaxStatements} expected");
        Assert.True(per(statements.Count(IsBegin)) <= MaxTransactions, $"{per(statements.Count(IsBegin)):0.0} transactions per submission, at most {MaxTransactions} expected");
        Assert.DoesNotContain(statements, s => s.StartsWith("DISCARD ALL", StringComparison.Ordinal) || s.StartsWith("SAVEPOINT", StringComparison.Ordinal));
    }

    private async Task SubmitAsync(string token)
    {
        using var request = GatewayCalls.Request(HttpMethod.Post, "/api/approvals/v1/applications", token, new
        {
            matterCode = "MS-002", applicantName = "陈静", channel = "CHANNEL_ONLINE",
            materials = new[] { "application form", "identity card" },
        });
        using var response = await platform.Gateway.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asked on a connection of the test's own, which the count leaves out (<see cref="PostgresStatementLog.Own"/>).</summary>
    private async Task<bool> AllReceiptsDeliveredAsync(IReadOnlyList<string> citizens)
    {
        await using var connection = new NpgsqlConnection(PostgresStatementLog.Own(platform.ConnectionString("approvals")));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM notifications WHERE "CitizenId" = ANY($1) AND "Kind" = $2 AND "DeliveredAt" IS NOT NULL),
                   (SELECT count(*) FROM outbox_messages WHERE "SentAt" IS NULL)
            """, connection)
        {
            Parameters = { new() { Value = citizens.ToArray() }, new() { Value = NotificationKinds.ApplicationSubmitted } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == citizens.Count && reader.GetInt64(1) == 0;
    }

    private static bool IsBegin(string statement) => statement.StartsWith("BEGIN", StringComparison.Ordinal);

    /// <summary>A statement without its values, so that the same statement of every submission groups together.</summary>
    private static string Shape(string statement)
    {
        var shape = Literals().Replace(statement, "?");
        return shape.Length <= 140 ? shape : shape[..140];
    }

    [GeneratedRegex(@"'[^']*'|\$\d+|\b\d+\b|sp_\w+")]
    private static partial Regex Literals();
}
