using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Platform.Messaging;
using Longgang.Talent.Data;
using Longgang.Talent.Domain;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Talent.Messaging;

// What talent asked approvals to decide (entitlement claims, certifications at tiers certified through approvals) keeps
// its state in its own row, and each of approvals' events moves it once: the inbox (base class) commits with the change,
// so a redelivery or a restart between events neither loses nor repeats a step. Approvals publishes these events for
// every application; those that talent did not ask for are not ours and are ignored.

/// <summary>
/// Approvals decided one of talent's applications: an approved claim may be paid, an approved certification is
/// certified; a rejected one ends with approvals' reasons (a claim's amount goes back to the budget).
/// </summary>
public sealed class ApprovalsDecisionHandler(TalentDbContext db)
    : IdempotentConsumer<ApplicationDecided, TalentDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        // approving records the record's event (EntitlementApproved, TalentCertified); the base class saves it to the
        // outbox with the inbox entry
        if (message.Outcome == ApplicationDecided.Approved)
        {
            (await Db.DecidedByApprovalsAsync(message.ApplicationId, cancellationToken))?.Approve(message.DecidedAt);
        }
        else
        {
            var reason = message.Reasons.Count > 0 ? string.Join("; ", message.Reasons) : "Rejected by the approvals service.";
            await RejectAsync(Db, message.ApplicationId, reason, cancellationToken);
        }
    }

    /// <summary>Rejects what talent asked approvals to decide; a claim's amount goes back to its programme's budget.</summary>
    internal static async Task RejectAsync(TalentDbContext db, Guid applicationId, string reason, CancellationToken cancellationToken)
    {
        var decided = await db.DecidedByApprovalsAsync(applicationId, cancellationToken);
        if (decided?.Reject(reason) == true && decided is EntitlementClaim claim)
            await db.ReleaseBudgetAsync(claim.ProgrammeCode, claim.Amount, cancellationToken);
    }
}

/// <summary>Approvals did not accept one of talent's applications: the claim or certification is rejected with the reason.</summary>
public sealed class ApprovalsNotAcceptedHandler(TalentDbContext db)
    : IdempotentConsumer<ApplicationNotAccepted, TalentDbContext>(db)
{
    protected override Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken) =>
        ApprovalsDecisionHandler.RejectAsync(Db, message.ApplicationId, $"Not accepted: {message.Reason}", cancellationToken);
}
