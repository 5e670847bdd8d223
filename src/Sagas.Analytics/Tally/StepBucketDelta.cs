using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Tally;

/// <summary>What a batch of events adds to one step-stats row.</summary>
public sealed class StepBucketDelta
{
    public long Dispatches { get; set; }

    public long Completed { get; set; }

    public long Failed { get; set; }

    public long Timeouts { get; set; }

    public long Retries { get; set; }

    public long Reroutes { get; set; }

    public long Compensations { get; set; }

    public long CompensationFailures { get; set; }

    public FailureCounts Failures { get; } = new();

    /// <summary>From dispatch to a worker picking the attempt up.</summary>
    public LatencyHistogram QueueWait { get; } = new();

    /// <summary>From a worker picking the attempt up to its answer.</summary>
    public LatencyHistogram Execution { get; } = new();

    /// <summary>Attempts that ended: answered (completed or failed) or timed out.</summary>
    public long Attempts => Completed + Failed + Timeouts;

    /// <summary>Adds another row's counts to this one: how buckets, nodes and endpoints sum up.</summary>
    public void Add(StepBucketDelta other)
    {
        Dispatches += other.Dispatches;
        Completed += other.Completed;
        Failed += other.Failed;
        Timeouts += other.Timeouts;
        Retries += other.Retries;
        Reroutes += other.Reroutes;
        Compensations += other.Compensations;
        CompensationFailures += other.CompensationFailures;
        Failures.Add(other.Failures);
        QueueWait.Merge(other.QueueWait);
        Execution.Merge(other.Execution);
    }
}
