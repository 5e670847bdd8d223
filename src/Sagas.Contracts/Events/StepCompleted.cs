using System.Text.Json.Nodes;

namespace Sagas.Contracts.Events;

/// <summary>A service finished an attempt of a step and produced its output.</summary>
public sealed record StepCompleted : IStepResult
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public JsonNode? Output { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The service that ran the attempt (absent from workers of earlier versions).</summary>
    public string? Service { get; init; }

    /// <summary>When the worker began the attempt (absent from workers of earlier versions): with the dispatch time, the queue wait.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The node that ran the attempt (absent from workers of earlier versions).</summary>
    public string? Node { get; init; }

    /// <summary>The queue the attempt was taken from (absent from workers of earlier versions).</summary>
    public string? Endpoint { get; init; }
}
