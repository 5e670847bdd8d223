using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Progression;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// Runs any workflow definition. Each message is handed to <see cref="WorkflowProgression"/>,
/// which records what it means as events; every event recorded turns into its effect here
/// (a dispatch becomes an <see cref="ExecuteStep"/> sent to the service's queue, an outcome is
/// published), and the machine settles in the state the events left.
/// </summary>
public sealed class WorkflowStateMachine : MassTransitStateMachine<WorkflowState>
{
    private readonly WorkflowProgression _progression;

    public WorkflowStateMachine(WorkflowProgression progression)
    {
        _progression = progression;

        InstanceState(x => x.CurrentState);

        Event(() => StartRequested, x => x.CorrelateById(m => m.Message.WorkflowId));
        Event(() => StepSucceeded, x =>
        {
            x.CorrelateById(m => m.Message.WorkflowId);
            x.OnMissingInstance(m => m.Fault());
        });
        Event(() => StepFailed, x =>
        {
            x.CorrelateById(m => m.Message.WorkflowId);
            x.OnMissingInstance(m => m.Fault());
        });
        Event(() => RetryFired, x =>
        {
            x.CorrelateById(m => m.Message.WorkflowId);
            x.OnMissingInstance(m => m.Fault());
        });
        Event(() => TimeoutElapsed, x =>
        {
            x.CorrelateById(m => m.Message.WorkflowId);
            x.OnMissingInstance(m => m.Fault());
        });
        Event(() => StepFaulted, x =>
        {
            x.CorrelateById(m => m.Message.Message.WorkflowId);
            x.OnMissingInstance(m => m.Fault());
        });

        Initially(
            When(StartRequested)
                .ThenAsync(context => ProgressAsync(context, state => _progression.Start(state, context.Message)))
                .IfElse(context => context.Saga.Status == WorkflowStatus.Rejected,
                    rejected => rejected.TransitionTo(Rejected),
                    started => Settle(started)));

        During(Running,
            When(StepSucceeded)
                .ThenAsync(context => ProgressAsync(context, state => _progression.Complete(state, context.Message)))
                .IfElse(context => context.Saga.IsTerminal, ended => Settle(ended), running => running),
            When(StepFailed)
                .ThenAsync(context => ProgressAsync(context, state => _progression.Fail(state, context.Message)))
                .IfElse(context => context.Saga.IsTerminal, ended => Settle(ended), running => running),
            When(RetryFired)
                .ThenAsync(context => ProgressAsync(context, state => _progression.RetryDue(state, context.Message)))
                .IfElse(context => context.Saga.IsTerminal, ended => Settle(ended), running => running),
            When(TimeoutElapsed)
                .ThenAsync(context => ProgressAsync(context, state => _progression.TimeOut(state, context.Message)))
                .IfElse(context => context.Saga.IsTerminal, ended => Settle(ended), running => running),
            When(StepFaulted)
                .ThenAsync(context => ProgressAsync(context, state => _progression.Fault(state, context.Message.Message, Describe(context.Message))))
                .IfElse(context => context.Saga.IsTerminal, ended => Settle(ended), running => running));

        // Terminal states are kept: late or duplicate results of a finished workflow are consumed and change nothing.
        During(Completed, Failed, Rejected,
            Ignore(StepSucceeded),
            Ignore(StepFailed),
            Ignore(RetryFired),
            Ignore(TimeoutElapsed),
            Ignore(StepFaulted));

        // A start for an id that exists starts nothing, whether the first run is running or finished.
        DuringAny(Ignore(StartRequested));
    }

    public State Running { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Rejected { get; private set; } = null!;

    public Event<StartWorkflow> StartRequested { get; private set; } = null!;

    public Event<StepCompleted> StepSucceeded { get; private set; } = null!;

    public Event<StepFailed> StepFailed { get; private set; } = null!;

    public Event<Fault<ExecuteStep>> StepFaulted { get; private set; } = null!;

    /// <summary>An attempt's timeout ran out (a durable timer this machine scheduled).</summary>
    public Event<StepTimeoutElapsed> TimeoutElapsed { get; private set; } = null!;

    /// <summary>A retry delay ran out (a durable timer this machine scheduled).</summary>
    public Event<RetryStep> RetryFired { get; private set; } = null!;

    private EventActivityBinder<WorkflowState, T> Settle<T>(EventActivityBinder<WorkflowState, T> binder)
        where T : class =>
        binder.IfElse(context => context.Saga.Status == WorkflowStatus.Running,
            running => running.TransitionTo(Running),
            ended => ended.IfElse(context => context.Saga.Status == WorkflowStatus.Completed,
                completed => completed.TransitionTo(Completed),
                failed => failed.TransitionTo(Failed)));

    private static async Task ProgressAsync<T>(BehaviorContext<WorkflowState, T> context, Action<WorkflowState> decide)
        where T : class
    {
        var recordedBefore = context.Saga.PendingEvents.Count;
        decide(context.Saga);
        foreach (var recorded in context.Saga.PendingEvents.Skip(recordedBefore).ToList())
        {
            await EffectAsync(context, recorded);
        }
    }

    private static async Task EffectAsync<T>(BehaviorContext<WorkflowState, T> context, object recorded)
        where T : class
    {
        switch (recorded)
        {
            case StepDispatched dispatched:
                await ArmTimeoutAsync(context, dispatched);
                var endpoint = await context.GetSendEndpoint(ServiceQueue.Address(dispatched.Service));
                await endpoint.Send(new ExecuteStep
                {
                    WorkflowId = dispatched.WorkflowId,
                    StepId = dispatched.StepId,
                    Attempt = dispatched.Attempt,
                    Service = dispatched.Service,
                    Input = dispatched.Input,
                    Definition = context.Saga.Definition,
                    DispatchedAt = dispatched.DispatchedAt,
                });
                break;
            case StepCompleted completed:
                await DisarmTimeoutAsync(context, completed.StepId);
                break;
            case StepFailed failed:
                await DisarmTimeoutAsync(context, failed.StepId);
                break;
            case StepTimedOut timedOut:
                // Its timer has fired; nothing is left to cancel.
                context.Saga.StepTimers.Remove(timedOut.StepId);
                break;
            case StepRetryScheduled retry:
                // Through MassTransit's scheduler: the timer commits with this state (see DurableScheduleMessageProvider).
                await context.ScheduleSend(context.ReceiveContext.InputAddress, retry.DueAt.UtcDateTime,
                    new RetryStep { WorkflowId = retry.WorkflowId, StepId = retry.StepId, Attempt = retry.NextAttempt });
                break;
            case WorkflowCompleted completed:
                await DisarmAllAsync(context);
                await context.Publish(completed);
                break;
            case WorkflowFailed workflowFailed:
                await DisarmAllAsync(context);
                await context.Publish(workflowFailed);
                break;
            case WorkflowRejected rejected:
                await context.Publish(rejected);
                break;
        }
    }

    private static async Task ArmTimeoutAsync<T>(BehaviorContext<WorkflowState, T> context, StepDispatched dispatched)
        where T : class
    {
        await DisarmTimeoutAsync(context, dispatched.StepId);
        if (dispatched.Timeout is { } timeout)
        {
            var timer = await context.ScheduleSend(context.ReceiveContext.InputAddress, (dispatched.DispatchedAt + timeout).UtcDateTime,
                new StepTimeoutElapsed { WorkflowId = dispatched.WorkflowId, StepId = dispatched.StepId, Attempt = dispatched.Attempt });
            context.Saga.StepTimers[dispatched.StepId] = timer.TokenId;
        }
    }

    private static async Task DisarmTimeoutAsync<T>(BehaviorContext<WorkflowState, T> context, string stepId)
        where T : class
    {
        if (context.Saga.StepTimers.Remove(stepId, out var tokenId))
        {
            await context.GetPayload<MessageSchedulerContext>().CancelScheduledSend(context.ReceiveContext.InputAddress, tokenId);
        }
    }

    // A workflow that ended has no use for the timeouts of steps still out (a parallel branch
    // when another failed): their rows are deleted with the final state.
    private static async Task DisarmAllAsync<T>(BehaviorContext<WorkflowState, T> context)
        where T : class
    {
        foreach (var stepId in context.Saga.StepTimers.Keys.ToList())
        {
            await DisarmTimeoutAsync(context, stepId);
        }
    }

    private static string Describe(Fault<ExecuteStep> fault) =>
        fault.Exceptions.FirstOrDefault() is { } exception
            ? $"{exception.ExceptionType}: {exception.Message}"
            : "no exception was reported";
}
