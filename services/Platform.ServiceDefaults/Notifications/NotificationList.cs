using Longgang.Platform.Api;
using Longgang.Platform.Data;
using Longgang.Platform.Errors;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Platform.Notifications;

/// <summary>
/// Every service's ListNotifications, but for the proto types: whose the caller may see, paging, newest first. Each
/// service maps the page to its own proto message (its texts in the request's language with
/// <see cref="CitizenNotificationRecord.SubjectIn"/>).
/// </summary>
public static class NotificationList
{
    /// <param name="requested">The recipient the request names (null: none).</param>
    public static async Task<Page<CitizenNotificationRecord>> ListAsync(PlatformDbContext db, Caller caller, string? requested,
        int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var recipient = NotificationAccess.RecipientFor(caller, requested);
        new Validator().RequirePage(pageSize, pageToken, out var paging).ThrowIfInvalid();

        var query = db.Notifications.AsNoTracking();
        if (recipient is not null) query = query.Where(n => n.CitizenId == recipient);
        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPageAsync(paging, cancellationToken);
    }
}

/// <summary>Who may see and set whose notifications and preferences.</summary>
public static class NotificationAccess
{
    /// <summary>
    /// Whose notifications (or preferences) the caller may read; null is everyone's. Everyone is addressed by their own
    /// subject (citizens, grid workers who submitted for one, staff a case lands on), so they see theirs; naming someone
    /// else is a 403, not an empty page. A city admin sees anyone's.
    /// </summary>
    public static string? RecipientFor(Caller caller, string? requested) =>
        caller.IsCityAdmin ? requested
        : requested is null || requested == caller.Subject ? caller.Subject
        : throw new ForbiddenException("You may only list the notifications addressed to you.");

    /// <summary>Preferences are the citizen's own to change: nobody sets them for someone else, a city admin neither.</summary>
    public static void RequireOwnPreferences(Caller caller, string citizenId)
    {
        if (citizenId != caller.Subject)
            throw new ForbiddenException("You may only change your own notification preferences.");
    }
}
