namespace Longgang.Platform.Domain;

/// <summary>
/// Base of every aggregate root. Its transitions record the integration events they cause, and saving the aggregate
/// (<see cref="Data.PlatformDbContext"/>) writes them to the outbox in the same transaction: the code that calls a
/// transition cannot forget an event, and no event leaves for a change that was not stored.
/// </summary>
public abstract class Aggregate
{
    private readonly List<object> _pendingEvents = [];

    /// <summary>The integration events caused by the transitions since load (or since the last save).</summary>
    public IReadOnlyList<object> PendingEvents => _pendingEvents;

    protected void Record(object integrationEvent) => _pendingEvents.Add(integrationEvent);

    /// <summary>Hands the pending events over (to the outbox) and forgets them.</summary>
    public IReadOnlyList<object> TakePendingEvents()
    {
        var taken = _pendingEvents.ToArray();
        _pendingEvents.Clear();
        return taken;
    }
}
