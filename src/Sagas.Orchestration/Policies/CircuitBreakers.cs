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

    public CircuitAdmission Admit(string service, CircuitBreakerPolicy policy, DateTimeOffset now)
    {
        lock (_lock)
        {
            return For(service, policy).Admit(now);
        }
    }

    public CircuitChange? Record(string service, CircuitBreakerPolicy policy, bool failed, DateTimeOffset now, bool probe = false)
    {
        lock (_lock)
        {
            return For(service, policy).Record(failed, now, probe);
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
