using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Longgang.Talent.Contracts.V1;
using Longgang.Talent.Data;
using Longgang.Platform.Api;
using Longgang.Platform.Calendar;
using Longgang.Platform.Notifications;
using Longgang.Platform.Security;

namespace Longgang.Talent.Grpc;

/// <summary>The notifications talent recorded, as their recipients see them (the shared <see cref="NotificationList"/>).</summary>
public sealed class TalentNotificationsGrpcService(TalentDbContext db) : TalentNotificationsService.TalentNotificationsServiceBase
{
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var page = await NotificationList.ListAsync(db, context.GetCaller(), request.HasCitizenId && request.CitizenId.Length > 0 ? request.CitizenId : null,
            request.PageSize, request.PageToken, context.CancellationToken);
        return new ListNotificationsResponse { Notifications = { page.Items.Select(ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    private static Notification ToProto(CitizenNotificationRecord n)
    {
        var culture = CultureInfo.CurrentUICulture;
        var proto = new Notification
        {
            Id = n.Id.ToString(),
            CitizenId = n.CitizenId,
            Subject = n.SubjectIn(culture),
            Body = n.BodyIn(culture),
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt),
            CreatedOn = RequestParsing.Text(WorkingDayCalendar.ChinaDateOf(n.CreatedAt)),
            Status = ProtoEnums.ToProto<Contracts.V1.NotificationStatus>(n.Status),
        };
        if (n.Kind is not null) proto.Kind = n.Kind;
        if (n.Reference is not null) proto.Reference = n.Reference;
        if (n.ReferenceType is not null) proto.ReferenceType = n.ReferenceType;
        if (n.DeliveredAt is { } delivered) proto.DeliveredAt = Timestamp.FromDateTimeOffset(delivered);
        if (n.Receipt is not null) proto.Receipt = n.Receipt;
        if (n.LastError is not null) proto.LastError = n.LastError;
        return proto;
    }
}
