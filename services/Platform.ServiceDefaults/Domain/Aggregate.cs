using System.Collections;

namespace Longgang.Platform.Domain;

/// <summary>
/// Base of every aggregate root. Its transitions record the integration events they cause, and saving the aggregate
/// (<see cref="Data.PlatformDbContext"/>) writes them to the outbox in the same transaction: the code that calls a
/// transition cannot forget an event, and no event leaves for a change that was not stored.
/// </summary>
public abstract class Aggregate
{
    /// <summary>The integration events caused by the transitions since load (or since the last save).</summary>
    public RecordedEvents PendingEvents { get; } = new();

    protected void Record(object integrationEvent) => PendingEvents.Add(integrationEvent);

    /// <summary>Hands the pending events over (to the outbox) and forgets them.</summary>
    public IReadOnlyList<object> TakePendingEvents() => PendingEvents.Take();
}

/// <summary>
/// An aggregate's unsaved events. A type of its own, so the database model can ignore exactly this property (an
/// <c>IReadOnlyList&lt;object&gt;</c> would also match, by covariance, every read-only list of strings).
/// </summary>
public sealed class RecordedEvents : IReadOnlyList<object>
{
    private readonly List<object> _events = [];

    public int Count => _events.Count;
    public object this[int index] => _events[index];

    internal void Add(object integrationEvent) => _events.Add(integrationEvent);

    internal IReadOnlyList<object> Take()
    {
        var taken = _events.ToArray();
        _events.Clear();
        return taken;
    }

    public IEnumerator<object> GetEnumerator() => _events.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
