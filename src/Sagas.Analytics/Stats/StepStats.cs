using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Stats;

/// <summary>
/// A step's (or a service's, or a service instance's) attempts in the window. Dispatches, retries
/// and timeouts are decided by the orchestrator before any worker answers, so an instance has none.
/// </summary>
public sealed record StepStats
{
    /// <summary>The step, for a definition's steps.</summary>
    public string? Step { get; init; }

    /// <summary>The services its attempts went to, for a definition's steps.</summary>
    public IReadOnlyList<string>? Services { get; init; }

    public long Dispatches { get; init; }

    /// <summary>Attempts that ended: completed, failed or timed out.</summary>
    public long Attempts { get; init; }

    public long Completed { get; init; }

    public long Failed { get; init; }

    public long Retries { get; init; }

    public long Timeouts { get; init; }

    public long Reroutes { get; init; }

    public long Compensations { get; init; }

    public long CompensationFailures { get; init; }

    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>From dispatch to a worker picking the attempt up.</summary>
    public Percentiles? QueueWaitMs { get; init; }

    /// <summary>From a worker picking the attempt up to its answer.</summary>
    public Percentiles? ExecutionMs { get; init; }
}
