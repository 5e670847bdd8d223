using System.Text.Json.Nodes;

namespace Sagas.Contracts.Commands;

/// <summary>Undo a completed step: sent to the compensating service's queue, answered with <c>StepCompensated</c> or <c>StepCompensationFailed</c>.</summary>
public sealed record CompensateStep : IStepCommand
{
    public required Guid WorkflowId { get; init; }

    /// <summary>The step being undone.</summary>
    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public required JsonObject Input { get; init; }

    public required string Definition { get; init; }

    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>The same for every attempt of this undo: a service records the undo under it and never repeats it.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;
}
