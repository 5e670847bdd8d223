namespace Sagas.Orchestration.Policies;

/// <summary>
/// A bounded memory of decisions by key. A saga message whose write lost a race (or met a
/// database error) runs again from a fresh load and asks the node's circuits and balancers the
/// same questions; they must answer as before rather than count the step a second time. The
/// oldest keys are forgotten first: a retry comes within seconds, not after thousands of steps.
/// Not thread-safe: its owner calls it under its own lock.
/// </summary>
internal sealed class RecentDecisions<T>(int capacity = 16_384)
{
    private readonly Dictionary<string, T> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public T GetOrAdd(string key, Func<T> decide)
    {
        if (_byKey.TryGetValue(key, out var known))
        {
            return known;
        }

        var decided = decide();
        _byKey[key] = decided;
        _order.Enqueue(key);
        if (_order.Count > capacity)
        {
            _byKey.Remove(_order.Dequeue());
        }

        return decided;
    }
}
