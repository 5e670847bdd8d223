using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Policies;

/// <summary>
/// The circuits of every service, as this node sees them. Each orchestrator node judges a
/// service by the results it handles itself, as a proxy's outlier detection does: with the
/// saga's messages spread over nodes, each sees a fair sample, and no shared row becomes a hot
/// spot on every step's path. A circuit is made on first use with the policy then in force.
/// </summary>
public sealed class CircuitBreakers
{
    private readonly Dictionary<string, CircuitBreaker> _byService = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly RecentDecisions<CircuitAdmission> _admissions = new();
    private readonly RecentDecisions<CircuitChange?> _records = new();

    /// <summary>May a step leave for the service? Asked again under the same <paramref name="key"/> (a retried message), the answer is the same.</summary>
    public CircuitAdmission Admit(string service, CircuitBreakerPolicy policy, DateTimeOffset now, string key)
    {
        lock (_lock)
        {
            return _admissions.GetOrAdd(key, () => For(service, policy).Admit(now));
        }
    }

    /// <summary>Counts a result once per <paramref name="key"/>; a repeat returns the change the first made, to be recorded again.</summary>
    public CircuitChange? Record(string service, CircuitBreakerPolicy policy, bool failed, DateTimeOffset now, string key, bool probe = false)
    {
        lock (_lock)
        {
            return _records.GetOrAdd(key, () => For(service, policy).Record(failed, now, probe));
        }
    }

    /// <summary>Every service's circuit as it stands at <paramref name="now"/>, for the metrics.</summary>
    public IReadOnlyList<(string Service, CircuitState State)> States(DateTimeOffset now)
    {
        lock (_lock)
        {
            return [.. _byService.Select(c => (c.Key, c.Value.StateAt(now)))];
        }
    }

    public CircuitState StateOf(string service, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _byService.TryGetValue(service, out var breaker) ? breaker.StateAt(now) : CircuitState.Closed;
        }
    }

    private CircuitBreaker For(string service, CircuitBreakerPolicy policy)
    {
        if (!_byService.TryGetValue(service, out var breaker) || breaker.Policy != policy)
        {
            breaker = new CircuitBreaker(policy);
            _byService[service] = breaker;
        }

        return breaker;
    }
}
