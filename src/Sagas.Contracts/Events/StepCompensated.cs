using System.Text.Json.Nodes;

namespace Sagas.Contracts.Events;

/// <summary>A service undid a step's effect (or found none to undo, for an abandoned attempt that had done nothing).</summary>
public sealed record StepCompensated : IStepResult
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public JsonNode? Output { get; init; }

    public required DateTimeOffset CompensatedAt { get; init; }

    /// <summary>The key and service of the effect undone, and whether it was an abandoned attempt's, as the command said.</summary>
    public string? EffectKey { get; init; }

    public string? EffectService { get; init; }

    public bool MaybeCompleted { get; init; }
}
