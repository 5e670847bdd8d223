using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// What comes back about abandoned attempts, in any state a run can be in, ended or not: a
/// success that arrives after the run ended (recorded, and its effect undone when it must not
/// stand), and the answers, timeouts and retries of the undos <see cref="AbandonedAttempts"/>
/// sent. An undo that fails for good leaves the run's outcome as it is and records that the
/// effect may stand (<see cref="AbandonedEffectLeft"/>).
/// </summary>
public sealed class AbandonedAttemptDecider(DecisionContext context, AbandonedAttempts abandoned, RetryScheduling retries)
{
    /// <summary>
    /// A success for a run that has ended: the result it kept, come again, changes nothing; any
    /// other attempt's is recorded, and its effect undone unless it is the one kept or its undo
    /// was decided already.
    /// </summary>
    public void LateSuccess(WorkflowState state, StepCompleted result)
    {
        if (IsKeptAttempt(state, result) || context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, result.StepId) is not { } step)
        {
            return;
        }

        var effect = RecordAbandoned(state, result);
        if (step.Compensation is not null && !effect.UndoDecided && !AbandonedAttempts.IsKept(state, effect))
        {
            abandoned.Undo(state, step, effect,
                $"attempt {result.Attempt} of step '{step.Id}' succeeded on '{effect.Service}' after the workflow ended {state.Status}");
        }
    }

    /// <summary>
    /// A success of an attempt an open run no longer awaits: a twin of an attempt that failed or
    /// timed out (a command redelivered, or sent again by the outbox) did the work after all. It is
    /// recorded, so the run knows the effect may stand there. When the step has moved to another
    /// service the effect is undone now; while the step still goes to that service it is the same
    /// effect (one key), and a later move or an end without it undoes it
    /// (<see cref="AbandonedAttempts.Left"/>, <see cref="AbandonedAttempts.Ended"/>).
    /// </summary>
    public void StaleSuccess(WorkflowState state, StepCompleted result)
    {
        if (state.AwaitsAttempt(result.StepId, result.Attempt) || IsKeptAttempt(state, result)
            || !state.Attempts.TryGetValue(result.StepId, out var current) || result.Attempt > current
            || context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, result.StepId) is not { Child: null, WaitFor: null } step)
        {
            return;
        }

        var effect = RecordAbandoned(state, result);
        var now = state.ServiceOf(step);
        if (step.Compensation is not null && !effect.UndoDecided && effect.Service != now)
        {
            abandoned.Undo(state, step, effect,
                $"attempt {result.Attempt} of step '{step.Id}' succeeded on '{effect.Service}' after the step had moved to '{now}'");
        }
    }

    public void Undone(WorkflowState state, StepCompensated result)
    {
        if (AbandonedAttempts.Awaited(state, result.EffectKey, result.EffectService, result.Attempt) is not null)
        {
            state.Record(result);
        }
    }

    public void UndoFailed(WorkflowState state, StepCompensationFailed failure)
    {
        if (AbandonedAttempts.Awaited(state, failure.EffectKey, failure.EffectService, failure.Attempt) is not { } effect
            || context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, effect.StepId) is not { Compensation: not null } step)
        {
            return;
        }

        state.Record(failure);
        var policy = context.Options.RetryFor(AbandonedAttempts.UndoServiceOf(step, effect));
        if (failure.Retryable && policy.AllowsAnotherAttempt(failure.Attempt))
        {
            retries.Schedule(state, step.Id, failure.Attempt, failure.Reason, policy, compensation: true, effect: effect.Id);
            return;
        }

        state.Record(new AbandonedEffectLeft
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Service = effect.Service,
            EffectKey = effect.EffectKey,
            Reason = $"the undo of attempt {effect.Attempt} of step '{step.Id}' on '{effect.Service}' failed"
                + $"{RetryScheduling.AttemptsText(failure.Attempt, policy, failure.Retryable)}: {failure.Reason}; its effect may stand",
            At = context.Now,
        });
    }

    /// <summary>The undo's command faulted in the worker past its retries and sits in an error queue.</summary>
    public void UndoFault(WorkflowState state, CompensateStep command, string reason) =>
        UndoFailed(state, FailureOf(state, command.StepId, command.Attempt, command.EffectKey, command.EffectService,
            $"the {command.Service} service faulted on the undo ({reason}); it is in the '{command.Service}_error' queue", retryable: false));

    /// <summary>An undo that got no answer in time failed, retryably.</summary>
    public void UndoTimedOut(WorkflowState state, StepTimeoutElapsed due)
    {
        if (due.Effect is not null && state.AbandonedEffects.TryGetValue(due.Effect, out var effect) && effect.UndoInFlight && effect.UndoAttempt == due.Attempt
            && context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, effect.StepId) is { Compensation: not null } step)
        {
            var timeout = context.Policies.TimeoutFor(AbandonedAttempts.UndoServiceOf(step, effect)) ?? TimeSpan.Zero;
            UndoFailed(state, FailureOf(state, effect.StepId, due.Attempt, effect.EffectKey, effect.Service, $"no result within {DurationText.Words(timeout)}", retryable: true));
        }
    }

    public void UndoRetryDue(WorkflowState state, RetryStep due)
    {
        if (due.Effect is not null && state.AbandonedEffects.TryGetValue(due.Effect, out var effect) && effect.UndoRetryDue == due.Attempt
            && context.Catalog.ByHash(state.DefinitionHash)?.StepAsChosen(state, effect.StepId) is { Compensation: not null } step)
        {
            abandoned.Dispatch(state, step, effect, due.Attempt);
        }
    }

    // Records the success of an attempt given up on; its effect is then one of the run's abandoned effects.
    private AbandonedEffect RecordAbandoned(WorkflowState state, StepCompleted result)
    {
        var service = result.Service ?? ServiceOfAttempt(state, result.StepId, result.Attempt);
        state.Record(Recorded(result, service));
        return state.AbandonedEffects[AbandonedEffect.IdOf(state.EffectKeyOf(result.StepId), service)];
    }

    // The result the run kept, redelivered: the same attempt of the same run of the step.
    private static bool IsKeptAttempt(WorkflowState state, StepCompleted result) =>
        state.Outputs.ContainsKey(result.StepId) && state.Attempts.GetValueOrDefault(result.StepId) == result.Attempt;

    // A worker of an earlier version does not say where it ran: the abandoned effect of that
    // attempt does, else the step's latest route.
    private string ServiceOfAttempt(WorkflowState state, string stepId, int attempt) =>
        state.AbandonedEffects.Values.FirstOrDefault(e => e.StepId == stepId && e.Attempt == attempt)?.Service
        ?? state.Routes.GetValueOrDefault(stepId)?.Service
        ?? context.Catalog.ByHash(state.DefinitionHash)!.StepAsChosen(state, stepId)!.Service;

    /// <summary>What the history keeps of a late success: the effect happened (the saga may have undone it already).</summary>
    private static AbandonedAttemptCompleted Recorded(StepCompleted result, string service) => new()
    {
        WorkflowId = result.WorkflowId,
        StepId = result.StepId,
        Attempt = result.Attempt,
        Service = service,
        Output = result.Output?.DeepClone(),
        CompletedAt = result.CompletedAt,
    };

    private StepCompensationFailed FailureOf(WorkflowState state, string stepId, int attempt, string effectKey, string effectService, string reason, bool retryable) => new()
    {
        WorkflowId = state.CorrelationId,
        StepId = stepId,
        Attempt = attempt,
        Reason = reason,
        Retryable = retryable,
        FailedAt = context.Now,
        EffectKey = effectKey,
        EffectService = effectService,
        MaybeCompleted = true,
    };
}
