using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Longgang.Approvals.Contracts.V1;
using Longgang.Approvals.Data;
using Longgang.Platform;
using Longgang.Platform.Api;
using Longgang.Platform.Errors;
using Longgang.Platform.Notifications;
using Longgang.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Longgang.Approvals.Grpc;

/// <summary>The notifications approvals recorded (see Messaging/ApplicantNotifiers.cs), as their recipients see them.</summary>
public sealed class NotificationsGrpcService(ApprovalsDbContext db) : NotificationsService.NotificationsServiceBase
{
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var recipient = RecipientFor(caller, ListFilters.Given(request.HasCitizenId, request.CitizenId));
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();

        var query = db.Notifications.AsNoTracking();
        if (recipient is not null) query = query.Where(n => n.CitizenId == recipient);
        var page = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPageAsync(paging, context.CancellationToken);
        return new ListNotificationsResponse { Notifications = { page.Items.Select(ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    /// <summary>
    /// Whose notifications the caller may list; null is everyone's. Citizens and grid workers are addressed by their own
    /// subject, so they see theirs; naming someone else is a 403, not an empty page, as for applications.
    /// </summary>
    private static string? RecipientFor(Caller caller, string? requested) => caller.Role switch
    {
        PlatformRoles.CityAdmin => requested,
        PlatformRoles.Citizen or PlatformRoles.GridWorker when requested is null || requested == caller.Subject => caller.Subject,
        PlatformRoles.Citizen or PlatformRoles.GridWorker => throw new ForbiddenException("You may only list the notifications addressed to you."),
        _ => throw new ForbiddenException("The role '{0}' may not list notifications.", caller.Role),
    };

    internal static Notification ToProto(CitizenNotificationRecord n)
    {
        var proto = new Notification
        {
            Id = n.Id.ToString(),
            CitizenId = n.CitizenId,
            Subject = n.Subject,
            Body = n.Body,
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt),
            CreatedOn = ApprovalsMapping.DayOf(n.CreatedAt),
        };
        if (n.Kind is not null) proto.Kind = n.Kind;
        if (n.Reference is not null) proto.Reference = n.Reference;
        if (n.DeliveredAt is { } delivered) proto.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        return proto;
    }
}
