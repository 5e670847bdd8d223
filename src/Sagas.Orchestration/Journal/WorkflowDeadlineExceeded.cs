namespace Sagas.Orchestration.Journal;

/// <summary>The run did not end by its deadline: nothing more is dispatched, and it ends as a failure does (compensating first).</summary>
public sealed record WorkflowDeadlineExceeded
{
    public required Guid WorkflowId { get; init; }

    public required TimeSpan Deadline { get; init; }

    public required DateTimeOffset DeadlineAt { get; init; }

    public required DateTimeOffset ExceededAt { get; init; }
}
