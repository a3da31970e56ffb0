using Longgang.Governance.Contracts.Events.V1;
using Longgang.Governance.Data;
using Longgang.Governance.Domain;
using Longgang.Platform;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Messaging;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Governance.Messaging;

// The citizen who reported a grid case hears when it is dispatched, handled and closed: one small consumer per event of
// our own (the event leaves the outbox only after the change committed, so nobody hears of a change rolled back). Only
// a case with a citizen reporter notifies anyone: a grid worker's patrol case, a hotline case or a follow-up has
// nobody to tell. The events do not name the reporter; the case they announce is ours and already committed.

/// <summary>The citizen who reported a case, and what they reported (its category, in their words).</summary>
internal sealed record CitizenReport(string ReporterId, string Category)
{
    /// <summary>The case's citizen report, or null when the case was not reported by a citizen.</summary>
    public static Task<CitizenReport?> OfAsync(GovernanceDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        db.Cases.AsNoTracking().Where(c => c.Id == caseId && c.Source == CaseSource.Citizen)
            .Select(c => new CitizenReport(c.ReporterId, c.Category)).FirstOrDefaultAsync(cancellationToken);
}

/// <summary>CASE_DISPATCHED: the case went to the module or department that deals with it, with its due day.</summary>
public sealed class CaseDispatchedNotifier(GovernanceDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CaseDispatched, GovernanceDbContext>(db, clock, text)
{
    protected override async Task HandleAsync(CaseDispatched message, CancellationToken cancellationToken)
    {
        if (await CitizenReport.OfAsync(Db, message.CaseId, cancellationToken) is not { } report) return;
        Notify(report.ReporterId, NotificationKinds.CaseDispatched, message.CaseId.ToString(),
            new LocalText("Your report is being dealt with"),
            new LocalText("Your report {0} ({1}) has been sent to the department responsible, which is to deal with it by {2}.",
                message.CaseId, report.Category, message.DueOn));
    }
}

/// <summary>CASE_HANDLED: the assignee says it has dealt with the case, and what it did; the grid team checks next.</summary>
public sealed class CaseHandledNotifier(GovernanceDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CaseHandled, GovernanceDbContext>(db, clock, text)
{
    protected override async Task HandleAsync(CaseHandled message, CancellationToken cancellationToken)
    {
        if (await CitizenReport.OfAsync(Db, message.CaseId, cancellationToken) is not { } report) return;
        Notify(report.ReporterId, NotificationKinds.CaseHandled, message.CaseId.ToString(),
            new LocalText("Your report has been dealt with"),
            new LocalText("The department responsible has dealt with your report {0} ({1}): {2}. The grid team will check the work on site.",
                message.CaseId, report.Category, message.Note.TrimEnd('。', '.')));
    }
}

/// <summary>CASE_CLOSED: the case was closed after verification, and why; the reporter may now rate it.</summary>
public sealed class CaseClosedNotifier(GovernanceDbContext db, TimeProvider clock, PlatformText text)
    : NotificationConsumer<CaseClosed, GovernanceDbContext>(db, clock, text)
{
    protected override async Task HandleAsync(CaseClosed message, CancellationToken cancellationToken)
    {
        if (await CitizenReport.OfAsync(Db, message.CaseId, cancellationToken) is not { } report) return;
        Notify(report.ReporterId, NotificationKinds.CaseClosed, message.CaseId.ToString(),
            new LocalText("Your report has been closed"),
            new LocalText("Your report {0} ({1}) has been closed: {2}. You may rate how it was dealt with.",
                message.CaseId, report.Category, Outcome(message.Reason)));
    }

    private static object Outcome(string reason) => reason switch
    {
        "FIXED" => new LocalText("the problem was fixed"),
        "UNABLE" => new LocalText("it could not be resolved"),
        "NOT_RESPONSIBLE" => new LocalText("it is not a matter for the departments"),
        "DUPLICATE" => new LocalText("it repeats another report"),
        _ => reason,
    };
}
