namespace Sagas.Orchestration.Journal;

/// <summary>A policy could not be applied as written, for this workflow: the scope, the policy and why.</summary>
public sealed record PolicyViolated
{
    public required Guid WorkflowId { get; init; }

    public string? StepId { get; init; }

    public required string Scope { get; init; }

    public required string Policy { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset ViolatedAt { get; init; }
}
