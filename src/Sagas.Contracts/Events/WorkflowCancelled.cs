namespace Sagas.Contracts.Events;

/// <summary>A workflow was cancelled; the completed steps that declare a compensation were undone first.</summary>
public sealed record WorkflowCancelled : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    public required string Reason { get; init; }

    public required IReadOnlyList<string> CompensatedSteps { get; init; }

    public required DateTimeOffset CancelledAt { get; init; }
}
