namespace Sagas.Orchestration.Journal;

/// <summary>An attempt of a step got no result within its timeout; it counts as a failed, retryable attempt, and one that may have completed.</summary>
public sealed record StepTimedOut
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required DateTimeOffset TimedOutAt { get; init; }

    /// <summary>The service the attempt went to, where it may yet have done its work (absent in events of earlier versions).</summary>
    public string? Service { get; init; }
}
