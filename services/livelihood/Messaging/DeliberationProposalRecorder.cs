using Longgang.Governance.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// A deliberation resolution from governance becomes a proposal of its year's cycle (which records its ProjectProposed).
/// The inbox (base class) drops a redelivered message; the unique source resolution id drops the same resolution under
/// a new message id.
/// </summary>
public sealed class DeliberationProposalRecorder(LivelihoodDbContext db, TimeProvider clock)
    : IdempotentConsumer<LivelihoodProposalResolved, LivelihoodDbContext>(db)
{
    protected override async Task HandleAsync(LivelihoodProposalResolved message, CancellationToken cancellationToken)
    {
        if (await Db.Projects.AnyAsync(p => p.SourceResolutionId == message.ResolutionId, cancellationToken)) return;
        var cycle = Project.IsYearInRange(message.Year) ? await Db.Cycles.FindAsync([message.Year], cancellationToken) : null;
        var project = Project.FromResolution(message.ResolutionId, message.MeetingId, message.DistrictCode, message.Year, message.Title,
            message.Category, message.Rationale, message.EstimatedCostYuan, message.ResolvedAt, cycle, clock.GetUtcNow());
        Db.Projects.Add(project);
    }
}
