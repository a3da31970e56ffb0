namespace Longgang.Platform.Events.V1;

/// <summary>
/// A city admin asked to rebuild the dashboards' read model. Each service answers by sending, for every record it holds,
/// the integration events that record's current state implies (with their original times) to the read model's own
/// endpoint only: sent, not published, so no other consumer sees them twice. The read model merges them like live
/// events, so a replay over a populated model changes nothing.
/// </summary>
public sealed record DashboardReplayRequested(Guid ReplayId, string RequestedBy, DateTimeOffset RequestedAt);
