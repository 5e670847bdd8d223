namespace Sagas.Orchestration.Journal;

/// <summary>This workflow's step was the probe of a half-open circuit, and its success closed it.</summary>
public sealed record CircuitClosed
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset ClosedAt { get; init; }
}
