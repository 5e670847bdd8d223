using Sagas.Analytics.Histograms;

namespace Sagas.Analytics.Tally;

/// <summary>What a batch of events adds to one definition-stats row.</summary>
public sealed class WorkflowBucketDelta
{
    public long Started { get; set; }

    public long Completed { get; set; }

    public long Failed { get; set; }

    public long Compensated { get; set; }

    public long Cancelled { get; set; }

    public long Rejected { get; set; }

    public long NeedsAttention { get; set; }

    public FailureCounts Failures { get; } = new();

    /// <summary>From start to end, for the workflows that ended in the bucket.</summary>
    public LatencyHistogram Durations { get; } = new();

    /// <summary>Workflows that ended: what a success rate is a share of.</summary>
    public long Ended => Completed + Failed + Compensated + Cancelled;

    /// <summary>Adds another row's counts to this one: how buckets sum to a longer time.</summary>
    public void Add(WorkflowBucketDelta other)
    {
        Started += other.Started;
        Completed += other.Completed;
        Failed += other.Failed;
        Compensated += other.Compensated;
        Cancelled += other.Cancelled;
        Rejected += other.Rejected;
        NeedsAttention += other.NeedsAttention;
        Failures.Add(other.Failures);
        Durations.Merge(other.Durations);
    }
}
