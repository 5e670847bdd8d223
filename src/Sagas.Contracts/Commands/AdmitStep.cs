namespace Sagas.Contracts.Commands;

/// <summary>
/// The orchestrator's admission relay: a slot under the limits of the step's service is free, so
/// <see cref="StepId"/> may be dispatched as <see cref="Attempt"/>. An admission for a step that is
/// no longer waiting (a repeat, or the workflow moved on) changes nothing.
/// </summary>
public sealed record AdmitStep : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }
}
