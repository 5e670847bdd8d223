using System.Text.Json.Nodes;

namespace Sagas.Contracts.Events;

/// <summary>A service undid a completed step.</summary>
public sealed record StepCompensated : IStepResult
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public JsonNode? Output { get; init; }

    public required DateTimeOffset CompensatedAt { get; init; }
}
