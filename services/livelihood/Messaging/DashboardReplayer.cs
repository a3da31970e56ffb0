using System.Runtime.CompilerServices;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// Livelihood's part of a dashboard rebuild: every project's implied events (<see cref="Project.ImpliedEvents"/>), then
/// each counted cycle's <c>VoteCounted</c> (<see cref="Cycle.VoteCountedEvent"/>). A cycle was counted when its
/// candidates have vote results; cycles are one a year, so they are read whole.
/// </summary>
public sealed class DashboardReplayer(LivelihoodDbContext db)
    : DashboardReplayer<LivelihoodDbContext>(db)
{
    protected override string Service => LivelihoodExtensions.DatabaseName;

    public override async IAsyncEnumerable<object> EventsOfRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var countedYears = await Db.Projects.AsNoTracking().Where(p => p.Vote != null).Select(p => p.Year).Distinct().ToListAsync(cancellationToken);
        var countedAt = (await Db.Cycles.AsNoTracking().Where(c => countedYears.Contains(c.Year)).ToListAsync(cancellationToken))
            .Where(c => c.VoteEndedAt is not null).ToDictionary(c => c.Year);

        var projects = DashboardReplay.ByIdAsync(after => Db.Projects.AsNoTracking()
            .Where(p => after == null || p.Id.CompareTo(after.Value) > 0)
            .OrderBy(p => p.Id).Take(DashboardReplay.PageSize).ToListAsync(cancellationToken), p => p.Id);
        await foreach (var project in projects)
        {
            var at = countedAt.TryGetValue(project.Year, out var cycle) ? cycle.VoteEndedAt : null;
            foreach (var integrationEvent in project.ImpliedEvents(at)) yield return integrationEvent;
        }

        foreach (var cycle in countedAt.Values.OrderBy(c => c.Year))
        {
            var ballots = await Db.Ballots.CountAsync(b => b.Year == cycle.Year, cancellationToken);
            var adopted = await Db.Projects.AsNoTracking()
                .Where(p => p.Year == cycle.Year && p.Vote != null && p.Vote.Outcome == VoteOutcome.Adopted)
                .OrderBy(p => p.Vote!.Rank).ToListAsync(cancellationToken);
            yield return cycle.VoteCountedEvent(ballots, adopted, cycle.VoteEndedAt!.Value);
        }
    }
}
