namespace Sagas.Contracts.Commands;

/// <summary>
/// The orchestrator's own timer firing: <see cref="Attempt"/> of <see cref="StepId"/> had its time.
/// If that attempt already ended, the firing changes nothing.
/// </summary>
public sealed record StepTimeoutElapsed : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>True when it is the step's compensation that had its time.</summary>
    public bool Compensation { get; init; }

    /// <summary>Set for the undo of an abandoned attempt's effect: which effect (key@service); null otherwise.</summary>
    public string? Effect { get; init; }
}
