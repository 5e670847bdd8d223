using System.Text.Json.Nodes;

namespace Sagas.Workers;

/// <summary>What a handler gets: the step's resolved input and where it belongs.</summary>
public sealed record StepRequest(Guid WorkflowId, string Definition, string StepId, int Attempt, JsonObject Input)
{
    /// <summary>When the orchestrator sent this attempt; a redelivered command carries its first time.</summary>
    public DateTimeOffset DispatchedAt { get; init; }
}
