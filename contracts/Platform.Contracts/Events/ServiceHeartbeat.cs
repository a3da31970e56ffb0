namespace Longgang.Platform.Events.V1;

/// <summary>
/// A service's sign of life, published every minute by each of the four services. The dashboards' read model dates each
/// service's part with the last one it received and marks the part stale when none came for a while, so a service that
/// is down shows as such instead of as a quiet month.
/// </summary>
public sealed record ServiceHeartbeat(string Service, DateTimeOffset At);
