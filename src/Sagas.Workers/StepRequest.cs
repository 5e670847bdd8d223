using System.Text.Json.Nodes;
using Polly;
using Sagas.Contracts.Commands;

namespace Sagas.Workers;

/// <summary>What a handler gets: the step's resolved input and where it belongs.</summary>
public sealed record StepRequest(Guid WorkflowId, string Definition, string StepId, int Attempt, JsonObject Input)
{
    /// <summary>When the orchestrator sent this attempt; a redelivered command carries its first time.</summary>
    public DateTimeOffset DispatchedAt { get; init; }

    /// <summary>
    /// The same for every attempt of this step (retries, redeliveries, failover): record side
    /// effects under it, and a command whose key already has one returns what it recorded.
    /// </summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>
    /// For an undo: the key and service the step's effect was recorded under. Look the effect up
    /// by them (the request's input may lack what only the step's output would tell), undo it, and
    /// tombstone the key, so a late execution of it does nothing.
    /// </summary>
    public string EffectKey { get; init; } = string.Empty;

    public string EffectService { get; init; } = string.Empty;

    /// <summary>
    /// For an undo: no result of the attempt was kept, so the effect may never have happened. An
    /// undo of an effect that never happened succeeds and does nothing.
    /// </summary>
    public bool MaybeCompleted { get; init; }

    /// <summary>
    /// The service's pipeline for calls to the outside (a provider's API, say): wrap each such call
    /// in it, so a glitch is retried, a slow try timed out and a failing dependency cut off by its
    /// circuit within this attempt. What escapes it fails the attempt, for the orchestrator to retry.
    /// </summary>
    public ResiliencePipeline Outside { get; init; } = ResiliencePipeline.Empty;

    /// <summary>The request a step command makes of its service's handler.</summary>
    public static StepRequest For(StepCommand command) =>
        new(command.WorkflowId, command.Definition, command.StepId, command.Attempt, command.Input)
        {
            DispatchedAt = command.DispatchedAt,
            IdempotencyKey = command.IdempotencyKey,
            EffectKey = (command as CompensateStep)?.EffectKey ?? string.Empty,
            EffectService = (command as CompensateStep)?.EffectService ?? string.Empty,
            MaybeCompleted = command is CompensateStep { MaybeCompleted: true },
        };
}
