namespace Longgang.Platform.Events.V1;

/// <summary>
/// A city admin asked to rebuild the dashboards' read model. Each service answers with <see cref="DashboardReplayBatch"/>
/// messages holding, for every record it has, the integration events that record's current state implies (with their
/// original times). The read model merges them like live events, so a replay over a populated model changes nothing.
/// </summary>
public sealed record DashboardReplayRequested(Guid ReplayId, string RequestedBy, DateTimeOffset RequestedAt);

/// <summary>
/// Part of one service's answer to a <see cref="DashboardReplayRequested"/>. The events travel wrapped, so that only the
/// read model sees them: the service's other consumers (notifiers, flows) must not act on a past change twice. Last is
/// true on the service's final batch of the replay.
/// </summary>
public sealed record DashboardReplayBatch(Guid ReplayId, string Service, int Sequence, bool Last, IReadOnlyList<ReplayedEvent> Events);

/// <summary>
/// One wrapped event: Type as the outbox stores it ("Namespace.Type, Assembly", no version) and Payload the event's
/// JSON, exactly as it would have been published.
/// </summary>
public sealed record ReplayedEvent(string Type, string Payload);
