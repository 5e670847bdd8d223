namespace Sagas.Contracts.Events;

/// <summary>A service could not undo a completed step on this attempt.</summary>
public sealed record StepCompensationFailed : IStepResult
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Reason { get; init; }

    /// <summary>False when the handler says trying again cannot help.</summary>
    public bool Retryable { get; init; }

    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The key and service of the effect it tried to undo, and whether it was an abandoned attempt's, as the command said.</summary>
    public string? EffectKey { get; init; }

    public string? EffectService { get; init; }

    public bool MaybeCompleted { get; init; }
}
