using System.Text.Json.Nodes;

namespace Sagas.Contracts.Events;

/// <summary>
/// A child workflow ended: told to the run whose step started it (<see cref="WorkflowId"/> is the
/// parent's), as the result of that step's attempt. Completed gives the step the child's output;
/// any other end fails the attempt with the child's reason.
/// </summary>
public sealed record ChildWorkflowEnded : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required Guid ChildId { get; init; }

    /// <summary>Completed, Failed, Compensated, Cancelled or Rejected.</summary>
    public required string Status { get; init; }

    public JsonObject? Output { get; init; }

    public string? Reason { get; init; }

    /// <summary>True when this answers the parent's undo of the step (<c>CompensateWorkflow</c>) rather than ending its attempt.</summary>
    public bool Compensation { get; init; }

    public required DateTimeOffset EndedAt { get; init; }
}
