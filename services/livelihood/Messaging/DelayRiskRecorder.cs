using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Livelihood.Domain;
using Longgang.Platform.Domain;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// Approvals warned that an application is close to or past its SLA (flow 4): the open milestones linked to it put
/// their projects at risk of delay (each records its ProjectDelayRiskRaised). The inbox (base class) drops a redelivered
/// message; a milestone keeps the highest level it was warned of, so another warning of that level (another scope,
/// another department, a new message id) changes nothing. Applications no open milestone waits for are ignored.
/// </summary>
public sealed class DelayRiskRecorder(LivelihoodDbContext db)
    : IdempotentConsumer<SlaWarningRaised, LivelihoodDbContext>(db)
{
    protected override async Task HandleAsync(SlaWarningRaised message, CancellationToken cancellationToken)
    {
        var projects = await Db.Projects
            .Where(p => p.Milestones.Any(m => m.LinkedApplicationId == message.ApplicationId && m.CompletedAt == null))
            .ToListAsync(cancellationToken);
        if (projects.Count == 0) return;
        // a level approvals should never send goes to the error queue rather than being lost
        if (!EnumNames.TryParse<DelayRiskLevel>(message.Level, out var level))
            throw new ArgumentException($"'{message.Level}' is not an SLA warning level.", nameof(message));
        foreach (var project in projects) project.RaiseDelayRisk(message.ApplicationId, level, message.DueOn, message.RaisedAt);
    }
}
