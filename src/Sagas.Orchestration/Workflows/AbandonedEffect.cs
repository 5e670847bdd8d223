namespace Sagas.Orchestration.Workflows;

/// <summary>
/// What an abandoned attempt may have done: a step's effect on a service, under the step's key,
/// with no result of it kept (the attempt timed out, or the run ended while it was out). A retry
/// on the same service is the same effect (the key is shared), so there is one per key and
/// service; its undo, once one is decided, is tracked here too.
/// </summary>
public sealed record AbandonedEffect(string StepId, string Service, string EffectKey, int Attempt)
{
    /// <summary>The latest attempt of its undo; 0 while none was sent.</summary>
    public int UndoAttempt { get; init; }

    public bool UndoInFlight { get; init; }

    /// <summary>The undo's attempt due after a retry delay, while it waits.</summary>
    public int? UndoRetryDue { get; init; }

    /// <summary>The service answered the undo: the effect is gone, or never was.</summary>
    public bool Undone { get; init; }

    /// <summary>The undo failed for good (<see cref="Journal.AbandonedEffectLeft"/>).</summary>
    public bool Left { get; init; }

    public bool UndoDecided => UndoAttempt > 0 || Left;

    /// <summary>This effect's key in <see cref="WorkflowState.AbandonedEffects"/> and in the undo's timers: the ledger's identity of an effect.</summary>
    public string Id => IdOf(EffectKey, Service);

    public static string IdOf(string effectKey, string service) => $"{effectKey}@{service}";
}
