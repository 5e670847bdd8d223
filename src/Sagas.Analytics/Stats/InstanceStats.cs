namespace Sagas.Analytics.Stats;

/// <summary>One instance of a service: the node that ran its attempts, and the queue it took them from.</summary>
public sealed record InstanceStats
{
    public required string Node { get; init; }

    public required string Endpoint { get; init; }

    public required StepStats Totals { get; init; }
}
