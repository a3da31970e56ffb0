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
using DomainChannel = Longgang.Platform.Notifications.NotificationChannel;

namespace Longgang.Approvals.Grpc;

/// <summary>
/// The notifications approvals recorded (see Messaging/ApplicantNotifiers.cs), as their recipients see them, and every
/// citizen's notification preferences: approvals owns them and tells every service of a change.
/// </summary>
public sealed class NotificationsGrpcService(ApprovalsDbContext db, TimeProvider clock) : NotificationsService.NotificationsServiceBase
{
    public override async Task<ListNotificationsResponse> ListNotifications(ListNotificationsRequest request, ServerCallContext context)
    {
        var page = await NotificationList.ListAsync(db, context.GetCaller(), ListFilters.Given(request.HasCitizenId, request.CitizenId),
            request.PageSize, request.PageToken, context.CancellationToken);
        return new ListNotificationsResponse { Notifications = { page.Items.Select(ToProto) }, NextPageToken = page.NextPageToken, TotalSize = page.TotalSize };
    }

    public override Task<ListNotificationKindsResponse> ListNotificationKinds(ListNotificationKindsRequest request, ServerCallContext context)
    {
        context.GetCaller();
        new Validator().RequirePage(request.PageSize, request.PageToken, out var paging).ThrowIfInvalid();
        var page = NotificationKinds.All.ToPage(paging);
        return Task.FromResult(new ListNotificationKindsResponse
        {
            Kinds = { page.Items.Select(k => new NotificationKind { Code = k.Code, Service = k.Service, Statutory = k.Statutory }) },
            NextPageToken = page.NextPageToken,
            TotalSize = page.TotalSize,
        });
    }

    public override async Task<NotificationPreferences> GetNotificationPreferences(GetNotificationPreferencesRequest request, ServerCallContext context)
    {
        var citizenId = NotificationAccess.RecipientFor(context.GetCaller(), request.CitizenId.Length > 0 ? request.CitizenId : null)!;
        var stored = await db.NotificationPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.CitizenId == citizenId, context.CancellationToken);
        return ToProto(citizenId, stored);
    }

    public override async Task<NotificationPreferences> UpdateNotificationPreferences(UpdateNotificationPreferencesRequest request, ServerCallContext context)
    {
        // whose before what: someone else's preferences are a 403 however the request is written
        NotificationAccess.RequireOwnPreferences(context.GetCaller(), request.CitizenId);
        var validator = new Validator();
        var language = request.HasLanguage ? request.Language : Platform.Notifications.NotificationLanguages.Chinese;
        validator.Require(Platform.Notifications.NotificationLanguages.IsKnown(language), "language", "must be {0} or {1}",
            Platform.Notifications.NotificationLanguages.Chinese, Platform.Notifications.NotificationLanguages.English);
        var kinds = Validated(validator, request.Kinds);
        validator.ThrowIfInvalid();

        var stored = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.CitizenId == request.CitizenId, context.CancellationToken);
        // each change later than the last, however quickly they come: the copies keep the latest
        var now = clock.GetUtcNow();
        var changedAt = stored is null || now > stored.ChangedAt ? now : stored.ChangedAt.AddTicks(10);
        var change = new Platform.Events.V1.NotificationPreferencesChanged(request.CitizenId, language, kinds, changedAt);
        if (stored is null) db.NotificationPreferences.Add(stored = NotificationPreferenceRecord.From(change));
        else stored.Apply(change);
        db.AddIntegrationEvent(change);
        await db.SaveOrConflictAsync(new LocalText("The notification preferences of {0} changed meanwhile; try again.", request.CitizenId), context.CancellationToken);
        return ToProto(request.CitizenId, stored);
    }

    /// <summary>The kinds as the event carries them; each bad field is reported, all at once.</summary>
    private static List<Platform.Events.V1.NotificationKindPreference> Validated(Validator validator, IList<NotificationKindPreference> kinds)
    {
        var valid = new List<Platform.Events.V1.NotificationKindPreference>();
        for (var i = 0; i < kinds.Count; i++)
        {
            var k = kinds[i];
            var field = $"kinds[{i}]";
            var known = NotificationKinds.Find(k.Kind);
            var channel = ProtoEnums.ToDomain<DomainChannel>(k.Channel);
            validator
                .Require(known is not null, $"{field}.kind", "is not a notification kind: {0}", k.Kind)
                .Require(kinds.Take(i).All(other => other.Kind != k.Kind), $"{field}.kind", "names {0} a second time", k.Kind)
                .Require(channel is not null, $"{field}.channel", "is not a known value")
                .Require(known is not { Statutory: true } || k.Enabled, $"{field}.enabled",
                    "cannot be false: {0} is a statutory notice, which cannot be switched off", k.Kind)
                .Require(k.HasQuietFrom == k.HasQuietUntil, $"{field}.quietUntil", "must be given with quietFrom, and only with it")
                .Require(!k.HasQuietFrom || DeliveryRules.ParseTime(k.QuietFrom) is not null, $"{field}.quietFrom", "must be a China time HH:mm")
                .Require(!k.HasQuietUntil || DeliveryRules.ParseTime(k.QuietUntil) is not null, $"{field}.quietUntil", "must be a China time HH:mm");
            if (known is null || channel is null) continue;
            valid.Add(new(known.Code, Platform.Domain.EnumNames.Of(channel.Value), k.Enabled,
                k.HasQuietFrom ? k.QuietFrom : null, k.HasQuietUntil ? k.QuietUntil : null, k.Digest));
        }
        return valid;
    }

    private static NotificationPreferences ToProto(string citizenId, NotificationPreferenceRecord? stored)
    {
        var proto = new NotificationPreferences
        {
            CitizenId = citizenId,
            Language = stored?.Language ?? Platform.Notifications.NotificationLanguages.Chinese,
        };
        foreach (var kind in NotificationKinds.All)
        {
            var set = stored?.For(kind.Code);
            var preference = new NotificationKindPreference
            {
                Kind = kind.Code,
                Channel = ProtoEnums.ToProto<Contracts.V1.NotificationChannel>(DeliveryRules.ParseChannel(set?.Channel)),
                Enabled = kind.Statutory || (set?.Enabled ?? true),
                Digest = set?.Digest ?? false,
                Statutory = kind.Statutory,
            };
            if (set?.QuietFrom is { } from) preference.QuietFrom = from;
            if (set?.QuietUntil is { } until) preference.QuietUntil = until;
            proto.Kinds.Add(preference);
        }
        if (stored is not null) proto.ChangedAt = Timestamp.FromDateTimeOffset(stored.ChangedAt);
        return proto;
    }

    internal static Notification ToProto(CitizenNotificationRecord n)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var proto = new Notification
        {
            Id = n.Id.ToString(),
            CitizenId = n.CitizenId,
            Subject = n.SubjectIn(culture),
            Body = n.BodyIn(culture),
            CreatedAt = Timestamp.FromDateTimeOffset(n.CreatedAt),
            CreatedOn = ApprovalsMapping.DayOf(n.CreatedAt),
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
