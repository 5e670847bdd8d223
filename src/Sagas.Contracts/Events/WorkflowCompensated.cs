namespace Sagas.Contracts.Events;

/// <summary>A workflow could not complete, and every completed step that declares a compensation was undone.</summary>
public sealed record WorkflowCompensated : IWorkflowMessage
{
    public required Guid WorkflowId { get; init; }

    public required string Definition { get; init; }

    /// <summary>The step whose failure started the compensation, if a step's did.</summary>
    public string? FailedStep { get; init; }

    /// <summary>Why the workflow could not complete.</summary>
    public required string Reason { get; init; }

    public required IReadOnlyList<string> CompensatedSteps { get; init; }

    public required DateTimeOffset CompensatedAt { get; init; }
}
