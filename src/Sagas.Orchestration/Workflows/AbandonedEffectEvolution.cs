using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// How the effects of abandoned attempts (<see cref="WorkflowState.AbandonedEffects"/>) evolve:
/// the <c>Apply</c> of the events only they take, and the helpers the step and compensation
/// events of <see cref="WorkflowEvolution"/> use for them.
/// </summary>
public static class AbandonedEffectEvolution
{
    public static void Apply(AbandonedAttemptCompleted e, WorkflowState state)
    {
        var id = AbandonedEffect.IdOf(state.EffectKeyOf(e.StepId), e.Service);
        state.AbandonedEffects.TryAdd(id, new AbandonedEffect(e.StepId, e.Service, state.EffectKeyOf(e.StepId), e.Attempt));
    }

    public static void Apply(AbandonedEffectLeft e, WorkflowState state) =>
        Update(state, AbandonedEffect.IdOf(e.EffectKey, e.Service), effect => effect with { UndoInFlight = false, UndoRetryDue = null, Left = true });

    // An attempt given up on while it may have done its work: one entry per key and service, the
    // latest attempt there. The service is the attempt's route when the event does not say.
    public static void Abandon(WorkflowState state, string stepId, int attempt, string? service)
    {
        if ((service ?? state.Routes.GetValueOrDefault(stepId)?.Service) is not { } where)
        {
            return;
        }

        var key = state.EffectKeyOf(stepId);
        var id = AbandonedEffect.IdOf(key, where);
        state.AbandonedEffects[id] = state.AbandonedEffects.TryGetValue(id, out var earlier)
            ? earlier with { Attempt = Math.Max(earlier.Attempt, attempt) }
            : new AbandonedEffect(stepId, where, key, attempt);
    }

    public static void Update(WorkflowState state, string id, Func<AbandonedEffect, AbandonedEffect> change)
    {
        if (state.AbandonedEffects.TryGetValue(id, out var effect))
        {
            state.AbandonedEffects[id] = change(effect);
        }
    }
}
