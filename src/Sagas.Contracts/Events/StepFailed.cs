namespace Sagas.Contracts.Events;

/// <summary>A service could not complete an attempt of a step.</summary>
public sealed record StepFailed : IStepResult
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Reason { get; init; }

    /// <summary>False when the handler says trying again cannot help.</summary>
    public bool Retryable { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>When the worker began the attempt (absent from workers of earlier versions): with the dispatch time, the queue wait.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The node that ran the attempt (absent from workers of earlier versions).</summary>
    public string? Node { get; init; }

    /// <summary>The queue the attempt was taken from (absent from workers of earlier versions).</summary>
    public string? Endpoint { get; init; }
}
