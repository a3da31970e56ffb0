using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform.Messaging;
using Longgang.Talent.Data;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

// An entitlement claim's state lives in its own row, and each of approvals' events moves it once: the inbox (base
// class) commits with the change, so a redelivery or a restart between events neither loses nor repeats a step.
// Approvals publishes these events for every application; those that no claim asked for are not ours and are ignored.

/// <summary>Approvals decided a claim's application: approved claims may be paid; rejected ones give their amount back.</summary>
public sealed class ClaimDecisionHandler(TalentDbContext db, OutboxSignal outboxSignal)
    : IdempotentConsumer<ApplicationDecided, TalentDbContext>(db, outboxSignal)
{
    protected override async Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        var claim = await Db.Claims.FirstOrDefaultAsync(c => c.ApplicationId == message.ApplicationId, cancellationToken);
        if (claim is null) return;

        // approving records EntitlementApproved on the claim; the base class saves it to the outbox with the inbox entry
        if (message.Outcome == ApplicationDecided.Approved)
        {
            claim.Approve(message.DecidedAt);
        }
        else
        {
            var reason = message.Reasons.Count > 0 ? string.Join("; ", message.Reasons) : "Rejected by the approvals service.";
            if (claim.Reject(reason)) await Db.ReleaseBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
        }
    }
}

/// <summary>Approvals did not accept a claim's application: the claim is rejected and its amount goes back.</summary>
public sealed class ClaimNotAcceptedHandler(TalentDbContext db, OutboxSignal outboxSignal)
    : IdempotentConsumer<ApplicationNotAccepted, TalentDbContext>(db, outboxSignal)
{
    protected override async Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken)
    {
        var claim = await Db.Claims.FirstOrDefaultAsync(c => c.ApplicationId == message.ApplicationId, cancellationToken);
        if (claim is not null && claim.Reject($"Not accepted: {message.Reason}"))
            await Db.ReleaseBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
    }
}
