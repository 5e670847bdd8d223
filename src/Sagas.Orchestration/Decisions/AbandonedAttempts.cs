using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Undoing what abandoned attempts may have done. An attempt that timed out (or was out when the
/// run ended) may have completed; when its step moves to another service, or the run ends
/// without keeping a result of it on that service, its effect must not stand beside the one
/// kept, so the step's compensation undoes it there by the effect's key. An attempt on the
/// service whose result was kept needs nothing: all attempts of a step share one key, so they
/// are one effect there.
/// </summary>
public sealed class AbandonedAttempts(DecisionContext context)
{
    /// <summary>The step moved from <paramref name="service"/> to another (a failover).</summary>
    public void Left(WorkflowState state, StepDefinition step, string service, string reason)
    {
        if (step.Compensation is not null
            && state.AbandonedEffects.TryGetValue(AbandonedEffect.IdOf(state.EffectKeyOf(step.Id), service), out var effect) && !effect.UndoDecided)
        {
            Undo(state, step, effect, $"step '{step.Id}' moved from '{service}' after attempt {effect.Attempt} there timed out ({reason})");
        }
    }

    /// <summary>The run ended: every abandoned effect not kept is undone, in a stable order.</summary>
    public void Ended(WorkflowState state)
    {
        if (state.AbandonedEffects.Count == 0 || context.Catalog.ByHash(state.DefinitionHash) is not { } definition)
        {
            return;
        }

        // A child run given up on was asked to stop and undoes itself: no undo is sent after it.
        foreach (var effect in state.AbandonedEffects.Values.Where(e => !e.UndoDecided && !IsKept(state, e) && !StepChild.IsChild(e.Service))
            .OrderBy(e => e.Id, StringComparer.Ordinal).ToList())
        {
            if (definition.StepAsChosen(state, effect.StepId) is { Compensation: not null } step)
            {
                Undo(state, step, effect, $"the workflow ended {state.Status} without a result of attempt {effect.Attempt} of step '{step.Id}' on '{effect.Service}'");
            }
        }
    }

    /// <summary>Whether the effect is the one the run kept: the step's result came from that service under that key.</summary>
    public static bool IsKept(WorkflowState state, AbandonedEffect effect) =>
        state.Outputs.ContainsKey(effect.StepId)
        && effect.EffectKey == state.EffectKeyOf(effect.StepId)
        && state.Routes.GetValueOrDefault(effect.StepId)?.Service == effect.Service;

    /// <summary>Decides the undo of an effect, saying why, and sends its first attempt.</summary>
    public void Undo(WorkflowState state, StepDefinition step, AbandonedEffect effect, string reason)
    {
        state.Record(new AbandonedAttemptCompensated
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Service = effect.Service,
            Attempt = effect.Attempt,
            EffectKey = effect.EffectKey,
            Reason = reason,
            DecidedAt = context.Now,
        });
        Dispatch(state, step, effect, attempt: 1);
    }

    /// <summary>
    /// Sends an attempt of the undo to the service that may have done the effect (or to the
    /// step's own compensating service, when that is another one), with what of the
    /// compensation's input resolves: the service finds the effect by its key.
    /// </summary>
    public void Dispatch(WorkflowState state, StepDefinition step, AbandonedEffect effect, int attempt)
    {
        var service = UndoServiceOf(step, effect);
        state.Record(new CompensationDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = service,
            Input = ValueResolver.ResolveAvailable(step.Compensation!.Input, state.ProgressFor(step)),
            DispatchedAt = context.Now,
            IdempotencyKey = IdempotencyKeys.ForAbandonedUndo(effect.EffectKey, effect.Service),
            Timeout = context.Policies.TimeoutFor(service),
            EffectKey = effect.EffectKey,
            EffectService = effect.Service,
            EffectAttempt = effect.Attempt,
            MaybeCompleted = true,
        });
    }

    /// <summary>A compensation declared on the step's own service undoes where the effect may be; another service is asked as it is.</summary>
    public static string UndoServiceOf(StepDefinition step, AbandonedEffect effect) =>
        step.Compensation!.Service == step.Service ? effect.Service : step.Compensation.Service;

    /// <summary>The effect an undo's answer is about, when it is the attempt of the undo awaited.</summary>
    public static AbandonedEffect? Awaited(WorkflowState state, string? effectKey, string? effectService, int attempt) =>
        effectKey is not null && effectService is not null
        && state.AbandonedEffects.TryGetValue(AbandonedEffect.IdOf(effectKey, effectService), out var effect)
        && effect.UndoInFlight && effect.UndoAttempt == attempt
            ? effect
            : null;
}
