using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

/// <summary>
/// Opens the follow-up case of a licence granted for a matter under supervision, in the market-supervision module of
/// the applicant's district. Once per application: the inbox (base class) drops a redelivered message, the check below
/// drops the same decision re-published under a new message id, and the unique application id on the case refuses a
/// second one written concurrently (that delivery fails, is retried, and then finds the case).
/// An application without a district (submitted online) has no district to follow it up: it is skipped with a log
/// line, for market supervision's own inspections to cover.
/// </summary>
public sealed class FollowUpCaseOpener(GovernanceDbContext db, WorkingDayCalendar calendar, ILogger<FollowUpCaseOpener> logger)
    : IdempotentConsumer<ApplicationDecided, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        if (message.Outcome != ApplicationDecided.Approved || !message.SupervisionRequired) return;
        if (!ReferenceData.IsDistrict(message.DistrictCode))
        {
            logger.LogInformation("Application {ApplicationId} ({MatterCode}) needs supervision but names no district ({DistrictCode}); no follow-up case opened",
                message.ApplicationId, message.MatterCode, message.DistrictCode ?? "none");
            return;
        }
        if (await Db.Cases.AnyAsync(c => c.FollowUpOfApplicationId == message.ApplicationId, cancellationToken)) return;

        var followUp = Case.OpenFollowUp(message.ApplicationId, message.MatterCode, message.ApplicantId, message.DistrictCode!,
            message.DecidedAt, calendar);
        Db.Cases.Add(followUp);
    }
}
