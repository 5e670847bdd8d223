namespace Sagas.Orchestration.Journal;

/// <summary>After a <see cref="PolicyViolated"/>, the default that applies in that scope instead.</summary>
public sealed record PolicyReverted
{
    public required Guid WorkflowId { get; init; }

    public string? StepId { get; init; }

    public required string Scope { get; init; }

    public required string Policy { get; init; }

    public required string RevertedTo { get; init; }

    public required DateTimeOffset RevertedAt { get; init; }
}
