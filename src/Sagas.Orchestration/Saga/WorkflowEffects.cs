using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Model;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Saga;

/// <summary>
/// What each recorded event does outside the saga: commands sent to services, timers armed and
/// cancelled through MassTransit's scheduler (durable: they commit with the state), outcomes
/// published. Sends and publishes go to the saga's outbox (<see cref="IWorkflowOutbox"/>), which
/// a node commits with the state.
/// </summary>
internal static class WorkflowEffects
{
    public static async Task ApplyAsync<T>(BehaviorContext<WorkflowState, T> context, object recorded)
        where T : class
    {
        switch (recorded)
        {
            case StepDispatched dispatched:
                await ArmTimeoutAsync(context, dispatched.StepId, dispatched.DispatchedAt + dispatched.Timeout,
                    new StepTimeoutElapsed { WorkflowId = dispatched.WorkflowId, StepId = dispatched.StepId, Attempt = dispatched.Attempt });
                if (dispatched.Child is { } child)
                {
                    // Published like any start; a second one (a redelivered dispatch) starts nothing.
                    context.GetPayload<IWorkflowOutbox>().Publish(new StartWorkflow
                    {
                        WorkflowId = child,
                        Definition = StepChild.DefinitionOf(dispatched.Service),
                        Input = dispatched.Input,
                        RequestedAt = dispatched.DispatchedAt,
                        TraceParent = context.Saga.TraceParent,
                        Parent = new WorkflowParent(dispatched.WorkflowId, dispatched.StepId, dispatched.Attempt),
                    });
                    break;
                }

                if (dispatched.Signal is { } signal)
                {
                    // A wait sends nothing; a signal kept for it comes back to this run as it came first.
                    if (context.Saga.KeptSignals.TryGetValue(signal, out var kept))
                    {
                        context.GetPayload<IWorkflowOutbox>().Send(context.ReceiveContext.InputAddress, new SignalWorkflow
                        {
                            WorkflowId = dispatched.WorkflowId,
                            Name = signal,
                            Data = kept.Data,
                            SignalId = kept.SignalId,
                            SentAt = dispatched.DispatchedAt,
                        }, null);
                    }

                    break;
                }

                Send(context, ServiceQueue.Of(dispatched.Service, dispatched.Endpoint, dispatched.Instance), dispatched.Timeout, new ExecuteStep
                {
                    WorkflowId = dispatched.WorkflowId,
                    StepId = dispatched.StepId,
                    Attempt = dispatched.Attempt,
                    Service = dispatched.Service,
                    Input = dispatched.Input,
                    Definition = context.Saga.Definition,
                    DispatchedAt = dispatched.DispatchedAt,
                    IdempotencyKey = dispatched.IdempotencyKey,
                    TraceParent = context.Saga.TraceParent,
                });
                break;
            case CompensationDispatched undoChild when StepChild.IsChild(undoChild.Service):
                // The step's child undoes itself; it answers with ChildWorkflowEnded, as the timer waits.
                await ArmTimeoutAsync(context, CompensationTimerKey(undoChild.StepId, null), undoChild.DispatchedAt + undoChild.Timeout,
                    new StepTimeoutElapsed { WorkflowId = undoChild.WorkflowId, StepId = undoChild.StepId, Attempt = undoChild.Attempt, Compensation = true });
                context.GetPayload<IWorkflowOutbox>().Send(context.ReceiveContext.InputAddress, new CompensateWorkflow
                {
                    WorkflowId = ChildIds.Of(context.Saga, undoChild.StepId, undoChild.EffectAttempt),
                    Reason = $"its parent {undoChild.WorkflowId} is undoing step '{undoChild.StepId}'",
                    RequestedAt = undoChild.DispatchedAt,
                });
                break;
            case CompensationDispatched compensation:
                var effect = compensation.MaybeCompleted ? AbandonedEffect.IdOf(compensation.EffectKey!, compensation.EffectService!) : null;
                await ArmTimeoutAsync(context, CompensationTimerKey(compensation.StepId, effect), compensation.DispatchedAt + compensation.Timeout,
                    new StepTimeoutElapsed { WorkflowId = compensation.WorkflowId, StepId = compensation.StepId, Attempt = compensation.Attempt, Compensation = true, Effect = effect });
                Send(context, compensation.Service, compensation.Timeout, new CompensateStep
                {
                    WorkflowId = compensation.WorkflowId,
                    StepId = compensation.StepId,
                    Attempt = compensation.Attempt,
                    Service = compensation.Service,
                    Input = compensation.Input,
                    Definition = context.Saga.Definition,
                    DispatchedAt = compensation.DispatchedAt,
                    IdempotencyKey = compensation.IdempotencyKey,
                    EffectKey = compensation.EffectKey ?? string.Empty,
                    EffectService = compensation.EffectService ?? string.Empty,
                    EffectAttempt = compensation.EffectAttempt,
                    MaybeCompleted = compensation.MaybeCompleted,
                    TraceParent = context.Saga.TraceParent,
                });
                break;
            case StepCompleted completed:
                await DisarmTimeoutAsync(context, completed.StepId);
                break;
            case StepFailed failed:
                await DisarmTimeoutAsync(context, failed.StepId);
                break;
            case StepCompensated compensated:
                await DisarmTimeoutAsync(context, CompensationTimerKey(compensated.StepId, EffectOf(compensated.MaybeCompleted, compensated.EffectKey, compensated.EffectService)));
                break;
            case StepCompensationFailed compensationFailed:
                await DisarmTimeoutAsync(context,
                    CompensationTimerKey(compensationFailed.StepId, EffectOf(compensationFailed.MaybeCompleted, compensationFailed.EffectKey, compensationFailed.EffectService)));
                break;
            case AbandonedAttemptCompensated undo:
                LogContext.Info?.Log("Undoing what attempt {Attempt} of step {StepId} of workflow {WorkflowId} may have done on {Service}: {Reason}",
                    undo.Attempt, undo.StepId, undo.WorkflowId, undo.Service, undo.Reason);
                break;
            case AbandonedEffectLeft left:
                LogContext.Warning?.Log("Workflow {WorkflowId}: {Reason} (key {EffectKey})", left.WorkflowId, left.Reason, left.EffectKey);
                break;
            case StepTimedOut timedOut:
                // Its timer has fired; nothing is left to cancel.
                context.Saga.StepTimers.Remove(timedOut.StepId);
                break;
            case StepQueued { Until: { } until } queued:
                // Looked at again when the circuit half-opens, or to look for an instance, through the same timer as a retry.
                await context.ScheduleSend(context.ReceiveContext.InputAddress, until.UtcDateTime,
                    new RetryStep { WorkflowId = queued.WorkflowId, StepId = queued.StepId, Attempt = queued.Attempt });
                break;
            case CircuitOpened opened:
                LogContext.Warning?.Log("Circuit of service {Service} opened until {OpenUntil}: {Reason}", opened.Service, opened.OpenUntil, opened.Reason);
                break;
            case CircuitClosed closed:
                LogContext.Info?.Log("Circuit of service {Service} closed: {Reason}", closed.Service, closed.Reason);
                break;
            case PolicyViolated violated:
                LogContext.Warning?.Log("Policy {Policy} violated for workflow {WorkflowId} ({Scope}): {Reason}", violated.Policy, violated.WorkflowId, violated.Scope, violated.Reason);
                break;
            case StepRetryScheduled retry:
                await context.ScheduleSend(context.ReceiveContext.InputAddress, retry.DueAt.UtcDateTime,
                    new RetryStep { WorkflowId = retry.WorkflowId, StepId = retry.StepId, Attempt = retry.NextAttempt, Compensation = retry.Compensation, Effect = retry.Effect });
                break;
            case WorkflowCompleted outcome:
                await DisarmAllAsync(context);
                Publish(context, outcome);
                TellParent(context, context.Saga.Parent, nameof(WorkflowStatus.Completed), outcome.Output, null, outcome.CompletedAt);
                break;
            case WorkflowFailed outcome:
                await DisarmAllAsync(context);
                Publish(context, outcome);
                TellParent(context, context.Saga.Parent, nameof(WorkflowStatus.Failed), null, outcome.Reason, outcome.FailedAt);
                break;
            case WorkflowCompensated outcome:
                await DisarmAllAsync(context);
                Publish(context, outcome);
                TellParent(context, context.Saga.Parent, nameof(WorkflowStatus.Compensated), null, outcome.Reason, outcome.CompensatedAt, context.Saga.UndoingForParent);
                break;
            case WorkflowCancelled outcome:
                await DisarmAllAsync(context);
                Publish(context, outcome);
                TellParent(context, context.Saga.Parent, nameof(WorkflowStatus.Cancelled), null, outcome.Reason, outcome.CancelledAt);
                break;
            case UndoRequested { StatusThen: not nameof(WorkflowStatus.Completed) } nothingStands:
                TellParent(context, context.Saga.Parent, nothingStands.StatusThen, null, $"nothing of it stands: {nothingStands.StatusThen}", nothingStands.RequestedAt, compensation: true);
                break;
            case ChildCancelRequested cancel:
                context.GetPayload<IWorkflowOutbox>().Send(context.ReceiveContext.InputAddress,
                    new CancelWorkflow { WorkflowId = cancel.ChildId, Reason = cancel.Reason, RequestedAt = cancel.RequestedAt });
                break;
            case WorkflowNeedsAttention outcome:
                Publish(context, outcome);
                break;
            case WorkflowRejected outcome:
                Publish(context, outcome);
                TellParent(context, (context.Message as StartWorkflow)?.Parent, nameof(WorkflowStatus.Rejected), null, outcome.Reason, outcome.RejectedAt);
                break;
        }
    }

    // A child run's end is its parent step's result.
    private static void TellParent<T>(
        BehaviorContext<WorkflowState, T> context, WorkflowParent? parent, string status, System.Text.Json.Nodes.JsonObject? output, string? reason, DateTimeOffset at, bool compensation = false)
        where T : class
    {
        if (parent is not null)
        {
            context.GetPayload<IWorkflowOutbox>().Publish(new ChildWorkflowEnded
            {
                WorkflowId = parent.WorkflowId,
                StepId = parent.StepId,
                Attempt = parent.Attempt,
                ChildId = context.Saga.CorrelationId,
                Status = status,
                Output = output,
                Reason = reason,
                Compensation = compensation,
                EndedAt = at,
            });
        }
    }

    private static void Send<T>(BehaviorContext<WorkflowState, T> context, string queue, TimeSpan? timeout, object command)
        where T : class =>
        Send(context, ServiceQueue.Address(queue), timeout, command);

    private static void Send<T>(BehaviorContext<WorkflowState, T> context, Uri destination, TimeSpan? timeout, object command)
        where T : class =>
        context.GetPayload<IWorkflowOutbox>().Send(destination, command, timeout);

    private static void Publish<T>(BehaviorContext<WorkflowState, T> context, object outcome)
        where T : class =>
        context.GetPayload<IWorkflowOutbox>().Publish(outcome);

    // Timers are kept by key: the step id for a step's attempt, CompensationTimerKey for its undo.
    private static async Task ArmTimeoutAsync<T>(BehaviorContext<WorkflowState, T> context, string key, DateTimeOffset? dueAt, StepTimeoutElapsed firing)
        where T : class
    {
        await DisarmTimeoutAsync(context, key);
        if (dueAt is { } at)
        {
            var timer = await context.ScheduleSend(context.ReceiveContext.InputAddress, at.UtcDateTime, firing);
            context.Saga.StepTimers[key] = timer.TokenId;
        }
    }

    private static string CompensationTimerKey(string stepId, string? effect = null) => effect is null ? $"compensate:{stepId}" : $"{UndoTimerPrefix}{effect}";

    private static string? EffectOf(bool maybeCompleted, string? effectKey, string? effectService) =>
        maybeCompleted && effectKey is not null && effectService is not null ? AbandonedEffect.IdOf(effectKey, effectService) : null;

    // The undos of abandoned attempts' effects outlive the run's end (it is what decides many of them).
    private const string UndoTimerPrefix = "undo:";

    private static async Task DisarmTimeoutAsync<T>(BehaviorContext<WorkflowState, T> context, string stepId)
        where T : class
    {
        if (context.Saga.StepTimers.Remove(stepId, out var tokenId))
        {
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(context.ReceiveContext.InputAddress, tokenId);
        }
    }

    // A workflow that ended has no use for the timeouts of steps still out (a parallel branch
    // when another failed) nor for its deadline: their rows are deleted with the final state.
    private static async Task DisarmAllAsync<T>(BehaviorContext<WorkflowState, T> context)
        where T : class
    {
        foreach (var stepId in context.Saga.StepTimers.Keys.Where(key => !key.StartsWith(UndoTimerPrefix, StringComparison.Ordinal)).ToList())
        {
            await DisarmTimeoutAsync(context, stepId);
        }

        // The state machine's Schedule armed the deadline; the run is over, so it goes too.
        if (context.Saga.DeadlineTokenId is { } deadline)
        {
            context.Saga.DeadlineTokenId = null;
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(context.ReceiveContext.InputAddress, deadline);
        }
    }
}
