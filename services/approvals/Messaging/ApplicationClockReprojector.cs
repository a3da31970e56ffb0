using Longgang.Approvals.Data;
using Longgang.Approvals.Domain;
using Longgang.Approvals.Grpc;
using Longgang.Platform;
using Longgang.Platform.Calendar;
using Longgang.Platform.Errors;
using Longgang.Platform.Localization;
using Longgang.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;

namespace Longgang.Approvals.Messaging;

/// <summary>
/// Counts the open deadlines of applications again when a year's working days change, and tells each applicant whose
/// dates moved. The notification is recorded in the same unit of work as the move, so it exists exactly when the move
/// does, and a second run, which moves nothing, notifies nobody.
/// </summary>
public sealed class ApplicationClockReprojector(HybridCache cache, PlatformText text) : IClockReprojector<ApprovalsDbContext>
{
    public const string Subject = "Due dates adjusted";

    public async Task<int> ReprojectAsync(ApprovalsDbContext db, ClockReprojection reprojection, CancellationToken cancellationToken)
    {
        // A deadline that falls before 1 January counted no day of the year, so publishing the year cannot move it.
        var yearStart = new DateOnly(reprojection.Year, 1, 1);
        var applications = await db.Applications
            .Where(a => ((a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Suspended)
                    && (a.PromisedDueOn >= yearStart || a.StatutoryDueOn >= yearStart))
                || (a.Status == ApplicationStatus.Approved && a.CertificateDueOn >= yearStart)
                || (a.Rectification != null && a.Rectification.ClosedAt == null && a.Rectification.DueOn >= yearStart))
            .ToListAsync(cancellationToken);

        var moved = 0;
        foreach (var application in applications)
        {
            var moves = application.ReprojectClocks(reprojection.Calendar, reprojection.Now, reprojection.Reason);
            if (moves.Count == 0) continue;
            moved += moves.Count;
            var body = new LocalText("The due dates of your application {0} (matter {1}) have been adjusted: {2}. Reason: {3}",
                application.Id, application.MatterCode, string.Join("；", moves), reprojection.Reason);
            db.AddCitizenNotification(text.Render(application.ApplicantId,
                NotificationKinds.DueDatesReprojected, application.Id.ToString(), Subject, body), reprojection.Now);
            // before the commit, which the caller makes: a read in between would cache the old dates again until the
            // entry expires (minutes), a window of milliseconds that a later re-projection cannot make worse
            await cache.RemoveAsync(ApprovalsGrpcService.ApplicationCacheKey(application.Id), cancellationToken);
        }
        return moved;
    }
}
