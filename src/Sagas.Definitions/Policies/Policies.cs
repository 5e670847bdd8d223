namespace Sagas.Definitions.Policies;

/// <summary><c>name: failover</c>: whether steps move to alternate services.</summary>
public sealed record FailoverPolicy(bool Enabled, int Line);

/// <summary><c>name: load_balancing</c>: how steps spread over a service's endpoints.</summary>
public sealed record LoadBalancingPolicy(bool Enabled, BalancingAlgorithm Algorithm, int Line);

/// <summary><c>round_robin</c>, <c>weighted</c> or <c>least_outstanding</c>.</summary>
public enum BalancingAlgorithm
{
    RoundRobin,
    Weighted,
    LeastOutstanding,
}

/// <summary>
/// <c>name: circuit_breaker</c>: a service whose failures reach <see cref="FailureRatio"/> of at
/// least <see cref="MinimumCalls"/> results within <see cref="Window"/> is cut off for
/// <see cref="BreakFor"/>, then probed with one step.
/// </summary>
public sealed record CircuitBreakerPolicy
{
    public bool Enabled { get; init; } = true;

    public double FailureRatio { get; init; } = 0.5;

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakFor { get; init; } = TimeSpan.FromSeconds(15);

    public int MinimumCalls { get; init; } = 5;

    public CircuitOpenAction WhenOpen { get; init; } = CircuitOpenAction.Failover;

    public required int Line { get; init; }
}

/// <summary>What a step does while its service's circuit is open: <c>failover</c>, <c>wait</c> or <c>fail_fast</c>.</summary>
public enum CircuitOpenAction
{
    /// <summary>Go to the next alternate service; wait when there is none.</summary>
    Failover,

    /// <summary>Wait until the circuit half-opens.</summary>
    Wait,

    /// <summary>Fail the step at once.</summary>
    FailFast,
}

/// <summary><c>name: limits</c>: most steps of a service in flight, and most dispatched per second, across all nodes.</summary>
public sealed record LimitsPolicy
{
    public int? MaxInFlight { get; init; }

    public double? MaxPerSecond { get; init; }

    public required int Line { get; init; }
}

/// <summary><c>name: dependency_resolution</c>: what a step whose input cannot be resolved does.</summary>
public sealed record DependencyPolicy(UnresolvedInputAction OnUnresolved, int Line);

/// <summary><c>needs_attention</c> (block the step until an operator's retry) or <c>fail</c>.</summary>
public enum UnresolvedInputAction
{
    NeedsAttention,
    Fail,
}
