using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Recovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Progression;

// A workflow that cannot complete undoes its completed steps (CompensationPlanner decides the
// order), then ends Compensated or Cancelled; with nothing to undo it ends Failed (or Cancelled).
public sealed partial class WorkflowProgression
{
    /// <summary>
    /// An operator cancels a running workflow (or one stopped at a blocked step): nothing new is
    /// dispatched, and what completed is undone.
    /// </summary>
    public void Cancel(WorkflowState state, CancelWorkflow command)
    {
        if (state.IsForward && DefinitionOf(state) is { } definition)
        {
            EndUnsuccessfully(state, definition, null, $"cancelled: {command.Reason}", cancelled: true);
        }
    }

    public void Compensated(WorkflowState state, StepCompensated result)
    {
        if (!IsCurrentCompensation(state, result.StepId, result.Attempt) || DefinitionOf(state) is not { } definition)
        {
            return;
        }

        state.Record(result);
        Continue(state, definition);
    }

    public void CompensationFailed(WorkflowState state, StepCompensationFailed failure)
    {
        // A second compensation failing for good while one already needs attention is recorded
        // (below) and waits for the operator's retry too.
        if (!IsCurrentCompensation(state, failure.StepId, failure.Attempt)
            || DefinitionOf(state)?.FindStep(failure.StepId) is not { Compensation: not null } step)
        {
            return;
        }

        state.Record(failure);
        var policy = options.RetryFor(CompensationServiceOf(state, step));
        if (!failure.Retryable || !policy.AllowsAnotherAttempt(failure.Attempt))
        {
            state.Record(new WorkflowNeedsAttention
            {
                WorkflowId = state.CorrelationId,
                Definition = state.Definition,
                StepId = failure.StepId,
                Reason = $"the compensation of step '{failure.StepId}' failed{AttemptsText(failure.Attempt, policy, failure.Retryable)}: {failure.Reason}",
                At = clock.GetUtcNow(),
            });
            return;
        }

        ScheduleRetry(state, failure.StepId, failure.Attempt, failure.Reason, policy, compensation: true);
    }

    /// <summary>A compensation's command faulted in the worker past its retries and sits in an error queue.</summary>
    public void CompensationFault(WorkflowState state, CompensateStep command, string reason) =>
        CompensationFailed(state, new StepCompensationFailed
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Reason = $"the {command.Service} service faulted on the compensation ({reason}); it is in the '{command.Service}_error' queue",
            Retryable = false,
            FailedAt = clock.GetUtcNow(),
        });

    // Also while another compensation needs attention: the others carry on meanwhile, so an
    // operator's retry of that one finds nothing else left waiting.
    // A compensation that got no answer in time failed, retryably: a lost command or a hung
    // service never leaves the workflow compensating forever.
    private void CompensationTimedOut(WorkflowState state, StepTimeoutElapsed due)
    {
        if (!IsCurrentCompensation(state, due.StepId, due.Attempt)
            || DefinitionOf(state)?.FindStep(due.StepId) is not { Compensation: not null } step)
        {
            return;
        }

        CompensationFailed(state, new StepCompensationFailed
        {
            WorkflowId = state.CorrelationId,
            StepId = due.StepId,
            Attempt = due.Attempt,
            Reason = $"no result within {Describe(policies.TimeoutFor(CompensationServiceOf(state, step)) ?? TimeSpan.Zero)}",
            Retryable = true,
            FailedAt = clock.GetUtcNow(),
        });
    }

    private void CompensationRetryDue(WorkflowState state, RetryStep due)
    {
        if (state.Status is WorkflowStatus.Compensating or WorkflowStatus.NeedsAttention
            && state.CompensationRetryDue.TryGetValue(due.StepId, out var awaited) && awaited == due.Attempt
            && DefinitionOf(state)?.FindStep(due.StepId) is { } step)
        {
            DispatchCompensation(state, step, due.Attempt);
        }
    }

    /// <summary>
    /// The workflow cannot complete. With completed (or still running) steps that declare a
    /// compensation it starts undoing them; otherwise it ends at once.
    /// </summary>
    private void EndUnsuccessfully(WorkflowState state, WorkflowDefinition definition, string? stepId, string reason, bool cancelled = false)
    {
        var involved = CompensationPlanner.Involved(definition, CompensationProgressOf(state));
        if (involved.Count == 0)
        {
            if (cancelled)
            {
                RecordCancelled(state, reason);
            }
            else
            {
                FailWorkflow(state, stepId, reason);
            }

            return;
        }

        state.Record(new CompensationStarted
        {
            WorkflowId = state.CorrelationId,
            FailedStep = stepId,
            Reason = reason,
            Cancelled = cancelled,
            Steps = involved,
            StartedAt = clock.GetUtcNow(),
        });
        AdvanceCompensation(state, definition);
    }

    private void AdvanceCompensation(WorkflowState state, WorkflowDefinition definition)
    {
        foreach (var step in CompensationPlanner.Ready(definition, CompensationProgressOf(state)))
        {
            if (!DispatchCompensation(state, step, state.CompensationAttempts.GetValueOrDefault(step.Id) + 1))
            {
                return;
            }
        }

        if (!CompensationPlanner.IsFinished(definition, CompensationProgressOf(state)))
        {
            return;
        }

        if (state.CancelRequested)
        {
            RecordCancelled(state, state.FailureReason ?? "cancelled");
            return;
        }

        state.Record(new WorkflowCompensated
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            FailedStep = state.FailedStep,
            Reason = state.FailureReason ?? "the workflow could not complete",
            CompensatedSteps = [.. state.Compensated.Order(StringComparer.Ordinal)],
            CompensatedAt = clock.GetUtcNow(),
        });
    }

    // False when the compensation's input cannot be resolved: the workflow then needs attention.
    private bool DispatchCompensation(WorkflowState state, StepDefinition step, int attempt)
    {
        var compensation = step.Compensation!;
        var input = ValueResolver.Resolve(compensation.Input, ProgressOf(state));
        if (!input.Succeeded)
        {
            state.Record(new WorkflowNeedsAttention
            {
                WorkflowId = state.CorrelationId,
                Definition = state.Definition,
                StepId = step.Id,
                Reason = $"the compensation input of step '{step.Id}' could not be resolved: {input.Error}",
                At = clock.GetUtcNow(),
            });
            return false;
        }

        state.Record(new CompensationDispatched
        {
            WorkflowId = state.CorrelationId,
            StepId = step.Id,
            Attempt = attempt,
            Service = CompensationServiceOf(state, step),
            IdempotencyKey = IdempotencyKeys.ForCompensation(state.CorrelationId, step.Id, state.StepRuns.GetValueOrDefault(step.Id, 1)),
            Input = input.Value!,
            DispatchedAt = clock.GetUtcNow(),
            Timeout = policies.TimeoutFor(CompensationServiceOf(state, step)),
        });
        return true;
    }

    // A step that failed over is undone where it ran: a refund goes to the provider that charged.
    private static string CompensationServiceOf(WorkflowState state, StepDefinition step) =>
        step.Compensation!.Service == step.Service ? ServiceOf(state, step) : step.Compensation.Service;

    private void RecordCancelled(WorkflowState state, string reason) =>
        state.Record(new WorkflowCancelled
        {
            WorkflowId = state.CorrelationId,
            Definition = state.Definition,
            Reason = reason,
            CompensatedSteps = [.. state.Compensated.Order(StringComparer.Ordinal)],
            CancelledAt = clock.GetUtcNow(),
        });

    private static bool IsCurrentCompensation(WorkflowState state, string stepId, int attempt) =>
        state.CompensationInFlight.Contains(stepId)
        && state.CompensationAttempts.TryGetValue(stepId, out var current)
        && current == attempt;

    private static CompensationProgress CompensationProgressOf(WorkflowState state) =>
        new(state.Outputs.Keys.ToHashSet(), state.InFlight, state.Compensated,
            state.CompensationInFlight.Concat(state.CompensationRetryDue.Keys).ToHashSet());
}
