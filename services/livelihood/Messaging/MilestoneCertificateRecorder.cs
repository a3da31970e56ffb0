using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Livelihood.Data;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Livelihood.Messaging;

/// <summary>
/// Approvals issued a certificate: the milestones linked to that application complete (each project records its
/// MilestoneCompleted). The inbox (base class) drops a redelivered message; a milestone completes once, so the same
/// issuance under a new message id changes nothing. Applications no milestone waits for are not ours and are ignored.
/// </summary>
public sealed class MilestoneCertificateRecorder(LivelihoodDbContext db)
    : IdempotentConsumer<CertificateIssued, LivelihoodDbContext>(db)
{
    protected override async Task HandleAsync(CertificateIssued message, CancellationToken cancellationToken)
    {
        var projects = await Db.Projects
            .Where(p => p.Milestones.Any(m => m.LinkedApplicationId == message.ApplicationId && m.CompletedAt == null))
            .ToListAsync(cancellationToken);
        foreach (var project in projects) project.CompleteMilestonesLinkedTo(message.ApplicationId, message.IssuedAt);
    }
}
