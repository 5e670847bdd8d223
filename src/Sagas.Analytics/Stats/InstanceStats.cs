namespace Sagas.Analytics.Stats;

/// <summary>One instance of a service: the node that ran its attempts, and the queue it took them from.</summary>
/// <remarks>
/// Its dispatches are always 0: a command is sent to a service's queue, not to an instance, and
/// which instance took it is known only from its result. The service's own totals and its steps
/// count the dispatches; an instance's attempts are its completions and failures.
/// </remarks>
public sealed record InstanceStats
{
    public required string Node { get; init; }

    public required string Endpoint { get; init; }

    public required StepStats Totals { get; init; }
}
