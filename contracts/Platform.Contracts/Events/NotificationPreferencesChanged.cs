namespace Longgang.Platform.Events.V1;

/// <summary>
/// A citizen's notification preferences as a whole, after a change: approvals owns them, every service keeps a copy so
/// that its dispatcher decides locally how to deliver. Copies keep the one with the latest <paramref name="ChangedAt"/>.
/// </summary>
/// <param name="Language">zh-CN or en: the language deliveries are written in.</param>
/// <param name="Kinds">The kinds the citizen set; a kind not listed is delivered in-app, at once.</param>
public sealed record NotificationPreferencesChanged(
    string CitizenId, string Language, IReadOnlyList<NotificationKindPreference> Kinds, DateTimeOffset ChangedAt);

/// <param name="Kind">A code of <see cref="NotificationKinds"/>.</param>
/// <param name="Channel">IN_APP (listed only), SMS or EMAIL.</param>
/// <param name="Enabled">False: listed only. Statutory kinds are always on.</param>
/// <param name="QuietFrom">China time "HH:mm": from then until <paramref name="QuietUntil"/>, non-urgent ones wait.</param>
/// <param name="Digest">Gathered into one message a day instead of sent one by one.</param>
public sealed record NotificationKindPreference(string Kind, string Channel, bool Enabled, string? QuietFrom, string? QuietUntil, bool Digest);
