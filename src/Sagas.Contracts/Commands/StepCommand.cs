using System.Text.Json.Nodes;

namespace Sagas.Contracts.Commands;

/// <summary>
/// A command a service's worker runs for one attempt of a step: the step itself (<see cref="ExecuteStep"/>)
/// or its undo (<see cref="CompensateStep"/>). Each is sent on the wire as itself, with these properties.
/// </summary>
public abstract record StepCommand : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    /// <summary>Starts at 1; a result for an older attempt is stale.</summary>
    public required int Attempt { get; init; }

    /// <summary>The service that runs it, whose queue it is sent to.</summary>
    public required string Service { get; init; }

    public required JsonObject Input { get; init; }

    public required string Definition { get; init; }

    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>
    /// The same for every attempt of this step, or of its undo (and on an alternate service), so a
    /// service can record its side effect under it and never repeat it for a retried or
    /// redelivered command. A new one only when an operator runs a completed step again.
    /// </summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>
    /// The W3C trace context of the workflow's trace, so the worker's span joins it however long the
    /// command waited in the outbox, on a timer or in a queue (none: the workflow is not traced).
    /// </summary>
    public string? TraceParent { get; init; }
}
