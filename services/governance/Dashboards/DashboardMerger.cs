using System.Text;
using Longgang.Governance.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Dashboards;

/// <summary>
/// Merges one integration event into its fact and moves the counters by the fact's change of contribution, in the
/// caller's transaction (the consumer's, with its inbox row). Live and replayed events both come through here.
/// </summary>
public sealed class DashboardMerger(GovernanceDbContext db, TimeProvider clock)
{
    public async Task MergeAsync(object integrationEvent, CancellationToken ct)
    {
        if (FactChanges.Of(integrationEvent) is not { } change) return;
        // Find sees a fact added earlier in the same unit of work (a replay batch holds several events of one record)
        var row = await db.DashboardFacts.FindAsync([change.Kind, change.SourceId], ct);
        if (change.MergeInto(row?.Body) is not { } merged) return; // a redelivery, or news the fact already had
        if (row is null)
        {
            row = new DashboardFactRow { Kind = change.Kind, SourceId = change.SourceId };
            db.DashboardFacts.Add(row);
        }
        row.Body = merged.Body;
        row.UpdatedAt = clock.GetUtcNow();
        row.Revision = Guid.NewGuid();
        await AddToCountersAsync(merged.CounterChanges, ct);
    }

    /// <summary>
    /// Adds the increments in one statement, as an upsert that adds in the database: two records' changes to one counter
    /// at once both count (a read-modify-write would lose one).
    /// </summary>
    private async Task AddToCountersAsync(IReadOnlyList<CounterIncrement> increments, CancellationToken ct)
    {
        if (increments.Count == 0) return;
        var sql = new StringBuilder("""INSERT INTO dashboard_counters ("DistrictCode", "Month", "Metric", "Dimension", "Value") VALUES """);
        var parameters = new List<object>();
        foreach (var (i, index) in increments.Select((i, index) => (i, index)))
        {
            var p = index * 5;
            sql.Append(index == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}})");
            parameters.AddRange([i.Key.DistrictCode, i.Key.Month, i.Key.Metric, i.Key.Dimension, i.Value]);
        }
        sql.Append("""
             ON CONFLICT ("DistrictCode", "Month", "Metric", "Dimension") DO UPDATE SET "Value" = dashboard_counters."Value" + excluded."Value"
            """);
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
    }
}
