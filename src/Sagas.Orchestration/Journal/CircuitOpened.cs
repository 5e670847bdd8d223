namespace Sagas.Orchestration.Journal;

/// <summary>
/// A result in this workflow opened its service's circuit on the node that handled it: the
/// figures that opened it and until when it holds steps off. Recorded in the stream of the
/// workflow whose result tipped it, so its history shows why later steps went elsewhere.
/// </summary>
public sealed record CircuitOpened
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public required string Reason { get; init; }

    public required int Failures { get; init; }

    public required int Calls { get; init; }

    public required DateTimeOffset OpenUntil { get; init; }

    public required DateTimeOffset OpenedAt { get; init; }
}
