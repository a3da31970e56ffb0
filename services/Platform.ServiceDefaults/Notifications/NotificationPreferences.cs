using System.Globalization;
using System.Text.Json;
using Longgang.Platform.Calendar;
using Longgang.Platform.Events.V1;

namespace Longgang.Platform.Notifications;

/// <summary>
/// How a notification reaches its recipient; each but IN_APP is a Dapr binding named in configuration (numbered as
/// approvals' proto enum of the same name).
/// </summary>
public enum NotificationChannel
{
    /// <summary>Listed by the API only.</summary>
    InApp = 1,
    Sms = 2,
    Email = 3,
}

public static class NotificationLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsKnown(string? language) => language is Chinese or English;
}

/// <summary>
/// A citizen's notification preferences, as stored in every service's <c>notification_preferences</c> table: approvals
/// changes them (NotificationsService), every service keeps the copy <see cref="NotificationPreferencesChanged"/> brings,
/// so that its dispatcher decides locally. One row per citizen; the per-kind settings are the event's list as JSON,
/// since they are only ever read and replaced whole.
/// </summary>
public sealed class NotificationPreferenceRecord
{
    public const int MaxLanguageLength = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string CitizenId { get; private set; } = "";
    public string Language { get; private set; } = NotificationLanguages.Chinese;
    /// <summary>The <see cref="NotificationKindPreference"/>s as JSON.</summary>
    public string Kinds { get; private set; } = "[]";
    /// <summary>When the citizen made the change this row holds: an older change never overwrites it.</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    public static NotificationPreferenceRecord From(NotificationPreferencesChanged change) =>
        new() { CitizenId = change.CitizenId, Language = change.Language, Kinds = JsonSerializer.Serialize(change.Kinds, Json), ChangedAt = change.ChangedAt };

    /// <summary>Takes <paramref name="change"/> unless it is no later than what is stored; says whether it did.</summary>
    public bool Apply(NotificationPreferencesChanged change)
    {
        if (change.ChangedAt <= ChangedAt) return false;
        Language = change.Language;
        Kinds = JsonSerializer.Serialize(change.Kinds, Json);
        ChangedAt = change.ChangedAt;
        return true;
    }

    public IReadOnlyList<NotificationKindPreference> KindPreferences() =>
        JsonSerializer.Deserialize<List<NotificationKindPreference>>(Kinds, Json) ?? [];

    public NotificationKindPreference? For(string? kind) => KindPreferences().FirstOrDefault(k => k.Kind == kind);
}

/// <summary>What the dispatcher does with a due notification.</summary>
public abstract record DeliveryPlan
{
    /// <summary>Send it now through <paramref name="Channel"/> (null: the default channel), written in <paramref name="Language"/>.</summary>
    public sealed record Send(NotificationChannel? Channel, string Language) : DeliveryPlan;
    /// <summary>Hold it until <paramref name="Until"/>: the end of the quiet hours, or the next digest.</summary>
    public sealed record Wait(DateTimeOffset Until, bool Digest) : DeliveryPlan;
}

/// <summary>
/// The preferences applied to one notification, on China time. Statutory kinds go at once, whatever the citizen set:
/// the law requires the notice, so it cannot be switched off and does not wait for quiet hours or a digest (its
/// channel and language are still the citizen's). A kind the citizen set nothing for goes at once through the default
/// channel (<c>Dapr:NotificationBinding</c>, else listed only), in their language (Chinese without preferences).
/// </summary>
public static class DeliveryRules
{
    public static DeliveryPlan Plan(NotificationPreferenceRecord? preferences, string? kind, bool alreadyWaited, DateTimeOffset now, int digestHour)
    {
        var language = preferences?.Language ?? NotificationLanguages.Chinese;
        var preference = preferences?.For(kind);
        if (preference is null) return new DeliveryPlan.Send(null, language);
        var channel = ParseChannel(preference.Channel);
        if (NotificationKinds.IsStatutory(kind)) return new DeliveryPlan.Send(channel, language);
        // switched off: listed only
        if (!preference.Enabled) return new DeliveryPlan.Send(NotificationChannel.InApp, language);
        if (alreadyWaited) return new DeliveryPlan.Send(channel, language);
        if (preference.Digest) return new DeliveryPlan.Wait(NextDigest(now, digestHour), Digest: true);
        if (QuietEnd(preference, now) is { } end) return new DeliveryPlan.Wait(end, Digest: false);
        return new DeliveryPlan.Send(channel, language);
    }

    public static NotificationChannel ParseChannel(string? channel) =>
        Domain.EnumNames.TryParse<NotificationChannel>(channel, out var parsed) ? parsed : NotificationChannel.InApp;

    /// <summary>The next <paramref name="digestHour"/> o'clock China time after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDigest(DateTimeOffset now, int digestHour)
    {
        var china = now.ToOffset(WorkingDayCalendar.ChinaStandardTimeOffset);
        var today = new DateTimeOffset(china.Year, china.Month, china.Day, digestHour, 0, 0, WorkingDayCalendar.ChinaStandardTimeOffset);
        return today > now ? today : today.AddDays(1);
    }

    /// <summary>When the quiet hours around <paramref name="now"/> end, or null outside them (or without any).</summary>
    public static DateTimeOffset? QuietEnd(NotificationKindPreference preference, DateTimeOffset now)
    {
        if (ParseTime(preference.QuietFrom) is not { } from || ParseTime(preference.QuietUntil) is not { } until || from == until) return null;
        var china = now.ToOffset(WorkingDayCalendar.ChinaStandardTimeOffset);
        var time = TimeOnly.FromDateTime(china.DateTime);
        var overnight = from > until; // 22:00-07:00
        var quiet = overnight ? time >= from || time < until : time >= from && time < until;
        if (!quiet) return null;
        var endDay = DateOnly.FromDateTime(china.DateTime);
        if (overnight && time >= from) endDay = endDay.AddDays(1);
        return new DateTimeOffset(endDay.ToDateTime(until), WorkingDayCalendar.ChinaStandardTimeOffset);
    }

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
