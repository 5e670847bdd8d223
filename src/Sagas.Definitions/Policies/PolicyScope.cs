using Sagas.Definitions.Model;

namespace Sagas.Definitions.Policies;

/// <summary>The policies one scope (defaults, a service, a workflow) sets; null: not set here.</summary>
public sealed record PolicyScope
{
    public static readonly PolicyScope None = new();

    public FailoverPolicy? Failover { get; init; }

    public LoadBalancingPolicy? LoadBalancing { get; init; }

    /// <summary><c>name: retry</c>, the same keys as a step's <c>retry:</c>.</summary>
    public StepRetry? Retry { get; init; }

    public CircuitBreakerPolicy? CircuitBreaker { get; init; }

    public LimitsPolicy? Limits { get; init; }

    public DependencyPolicy? Dependencies { get; init; }
}
