using Longgang.Approvals.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

// Flow 1: a grid worker applies at the hall for a citizen and links the citizen's case; the case waits for the decision.
// Approvals records the link and announces it in ApplicationSubmitted; governance is the one that knows grid teams, so it
// checks the link here. One small consumer per approvals event. Each is applied once: the inbox (base class) drops a
// redelivered message, and each change checks the state it moves from (a case resumes only while it waits for that
// application), so the same event re-published under a new message id changes nothing either.

/// <summary>
/// Puts the linked case on hold (<see cref="Case.AwaitApplication"/>) when the grid worker who submitted is on its grid
/// team. A refused link changes no case: the worker is told why, by a notification, and the application runs unlinked.
/// </summary>
public sealed class WaitingCaseLinker(GovernanceDbContext db, TimeProvider clock, WorkingDayCalendar calendar,
    PlatformText text, ILogger<WaitingCaseLinker> logger)
    : IdempotentConsumer<ApplicationSubmitted, GovernanceDbContext>(db)
{
    public const string RefusedSubject = "Application not linked to the grid case";

    protected override async Task HandleAsync(ApplicationSubmitted message, CancellationToken cancellationToken)
    {
        if (message.CaseId is not { } caseId || message.SubmittedBy is not { } submittedBy) return;
        var linked = await Db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        var onTeam = linked is not null && linked.GridCode != ""
            && await Db.OnGridTeamAsync(submittedBy, linked.GridCode, WorkingDayCalendar.ChinaDateOf(message.SubmittedAt), cancellationToken);
        var refusal = linked is null ? WaitRefusal.NotOnGridTeam
            : linked.AwaitApplication(message.ApplicationId, message.DistrictCode, submittedBy, onTeam, message.SubmittedAt);
        if (refusal is not { } why)
        {
            await ResumeIfDecidedAlreadyAsync(linked!, message.ApplicationId, cancellationToken);
            return;
        }

        logger.LogWarning("Application {ApplicationId} by {SubmittedBy} not linked to case {CaseId}: {Refusal}",
            message.ApplicationId, submittedBy, caseId, why);
        var reason = new LocalText(why switch
        {
            WaitRefusal.AlreadyWaiting => "the case already waits for another application",
            WaitRefusal.NotOpen => "the case is closed or its work is done",
            _ => "the case does not exist, or you are not on its grid's team",
        });
        Db.AddCitizenNotification(text.Render(submittedBy,
            NotificationKinds.CaseLinkRefused, message.ApplicationId.ToString(), RefusedSubject,
            new LocalText("Application {0} (matter {1}) could not be linked to case {2}: {3}. The application goes on as usual; the case's clock is not paused.",
                message.ApplicationId, message.MatterCode, caseId, reason)), clock.GetUtcNow());
    }

    /// <summary>The decision overtook this submission (see <see cref="EarlyDecision"/>): the wait ends as it began.</summary>
    private async Task ResumeIfDecidedAlreadyAsync(Case waiting, Guid applicationId, CancellationToken cancellationToken)
    {
        if (await Db.EarlyDecisions.FindAsync([applicationId], cancellationToken) is not { } decided) return;
        waiting.ResumeAfterApplication(applicationId, decided.Outcome, decided.At, calendar);
        Db.EarlyDecisions.Remove(decided);
    }
}

/// <summary>A correction request on the application a case waits for returns to the grid worker: on the case and in their list.</summary>
public sealed class WaitingCaseCorrectionRecorder(GovernanceDbContext db)
    : IdempotentConsumer<CorrectionRequested, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(CorrectionRequested message, CancellationToken cancellationToken)
    {
        var waiting = await Db.Cases.FirstOrDefaultAsync(c => c.WaitingForApplicationId == message.ApplicationId, cancellationToken);
        waiting?.RecordCorrectionRequested(message.ApplicationId, message.MissingMaterials, message.RequestedAt);
    }
}

/// <summary>The corrected application was accepted: the case no longer shows a correction owed.</summary>
public sealed class WaitingCaseAcceptanceRecorder(GovernanceDbContext db)
    : IdempotentConsumer<ApplicationAccepted, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationAccepted message, CancellationToken cancellationToken)
    {
        var waiting = await Db.Cases.FirstOrDefaultAsync(c => c.WaitingForApplicationId == message.ApplicationId, cancellationToken);
        waiting?.RecordApplicationAccepted(message.ApplicationId);
    }
}

/// <summary>The decision ends the wait: the case resumes, its deadline moved by the working days waited.</summary>
public sealed class WaitingCaseResumer(GovernanceDbContext db, WorkingDayCalendar calendar)
    : IdempotentConsumer<ApplicationDecided, GovernanceDbContext>(db)
{
    protected override async Task HandleAsync(ApplicationDecided message, CancellationToken cancellationToken)
    {
        await Db.EndWaitAsync(message.ApplicationId, message.CaseId, message.Outcome, message.DecidedAt, calendar, cancellationToken);
    }
}

/// <summary>An application that was not accepted ends the wait as a decision does.</summary>
public sealed class NotAcceptedCaseResumer(GovernanceDbContext db, WorkingDayCalendar calendar)
    : IdempotentConsumer<ApplicationNotAccepted, GovernanceDbContext>(db)
{
    public const string Outcome = "NOT_ACCEPTED";

    protected override async Task HandleAsync(ApplicationNotAccepted message, CancellationToken cancellationToken)
    {
        await Db.EndWaitAsync(message.ApplicationId, message.CaseId, Outcome, message.At, calendar, cancellationToken);
    }
}

internal static class WaitEnding
{
    /// <summary>
    /// Resumes the case waiting for the application; when none waits yet but the outcome names a linked case, keeps the
    /// outcome for the submission still on its way (<see cref="EarlyDecision"/>). A redelivery finds the row there. The row
    /// also stays when the link was refused or the wait already ended: a few rows per linked application at most, and a
    /// submission re-published later then resumes at once instead of waiting for a decision that will not come again.
    /// </summary>
    public static async Task EndWaitAsync(this GovernanceDbContext db, Guid applicationId, Guid? caseId, string outcome, DateTimeOffset at,
        WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var waiting = await db.Cases.FirstOrDefaultAsync(c => c.WaitingForApplicationId == applicationId, cancellationToken);
        if (waiting is not null)
        {
            waiting.ResumeAfterApplication(applicationId, outcome, at, calendar);
            return;
        }
        if (caseId is { } linked && await db.EarlyDecisions.FindAsync([applicationId], cancellationToken) is null)
        {
            db.EarlyDecisions.Add(new EarlyDecision(applicationId, linked, outcome, at));
        }
    }
}
