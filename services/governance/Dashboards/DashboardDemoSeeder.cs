using Longgang.Governance.Data;
using Longgang.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Dashboards;

/// <summary>
/// The embedded host's demo (after <see cref="DemoSeeder"/>): merges the events governance's demo wrote to its outbox
/// into the read model at once, so the dashboards show the demo's cases on the first request instead of after the
/// relay and the in-memory bus got round to them (which, at start-up with every service seeding, was not within
/// 30 s). The same events arriving later through the bus change nothing: the merge is idempotent.
/// </summary>
public sealed class DashboardDemoSeeder(DashboardMerger merger) : IDatabaseSeeder<GovernanceDbContext>
{
    public async Task SeedAsync(GovernanceDbContext db, CancellationToken cancellationToken)
    {
        if (await db.DashboardFacts.AnyAsync(cancellationToken)) return;
        var events = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in events)
        {
            if (row.ResolveType() is { } type) await merger.MergeAsync(row.Deserialize(type), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
