using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>An attempt to undo a step was sent to its compensating service with this resolved input.</summary>
public sealed record CompensationDispatched
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    public required JsonObject Input { get; init; }

    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>The key the service records the undo under: the same for every attempt of it.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>How long this attempt may go without a result (null: no limit); a timer is armed for it.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The key and service of the effect undone (see <c>CompensateStep</c>).</summary>
    public string? EffectKey { get; init; }

    public string? EffectService { get; init; }

    /// <summary>The step's attempt whose effect is undone.</summary>
    public int EffectAttempt { get; init; }

    /// <summary>True for the undo of an abandoned attempt (<see cref="AbandonedAttemptCompensated"/>), whose effect may not exist.</summary>
    public bool MaybeCompleted { get; init; }
}
