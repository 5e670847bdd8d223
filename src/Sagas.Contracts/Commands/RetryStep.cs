namespace Sagas.Contracts.Commands;

/// <summary>
/// The orchestrator's own timer firing: try <see cref="StepId"/> again as <see cref="Attempt"/>.
/// A firing for an attempt that is no longer awaited (a repeat, or the workflow moved on) changes nothing.
/// </summary>
public sealed record RetryStep : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>True to try the step's compensation again rather than the step.</summary>
    public bool Compensation { get; init; }

    /// <summary>Set for the undo of an abandoned attempt's effect: which effect (key@service); null otherwise.</summary>
    public string? Effect { get; init; }
}
