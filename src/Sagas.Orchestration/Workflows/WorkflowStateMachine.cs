using System.Linq.Expressions;
using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Progression;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// Runs any workflow definition. Each message is handed to <see cref="WorkflowProgression"/>,
/// which records what it means as events; every event recorded turns into its effect
/// (<see cref="WorkflowEffects"/>: a command sent, a timer armed, an outcome published), and the
/// machine settles in the state named by the status the events left.
/// </summary>
public sealed class WorkflowStateMachine : MassTransitStateMachine<WorkflowState>
{
    public WorkflowStateMachine(WorkflowProgression progression)
    {
        InstanceState(x => x.CurrentState);

        Event(() => StartRequested, x => x.CorrelateById(m => m.Message.WorkflowId));
        Correlate(() => StepSucceeded, m => m.WorkflowId);
        Correlate(() => StepFailed, m => m.WorkflowId);
        Correlate(() => StepFaulted, m => m.Message.WorkflowId);
        Correlate(() => RetryFired, m => m.WorkflowId);
        Correlate(() => TimeoutElapsed, m => m.WorkflowId);
        Correlate(() => CompensationSucceeded, m => m.WorkflowId);
        Correlate(() => CompensationFailed, m => m.WorkflowId);
        Correlate(() => CompensationFaulted, m => m.Message.WorkflowId);
        Correlate(() => CancelRequested, m => m.WorkflowId);
        Correlate(() => RetryRequested, m => m.WorkflowId);
        Correlate(() => Admitted, m => m.WorkflowId);
        Correlate(() => RecoverRequested, m => m.WorkflowId);

        // The deadline through MassTransit's own Schedule: its token lives on the saga, and a firing
        // whose token is not the saga's (a stale one) is not delivered as the event.
        Schedule(() => DeadlineTimer, x => x.DeadlineTokenId, timer => timer.Received = r => r.CorrelateById(m => m.Message.WorkflowId));

        Initially(
            When(StartRequested)
                .ThenAsync(context => ProgressAsync(context, state => progression.Start(state, context.Message)))
                .If(context => context.Saga.Status == WorkflowStatus.Running && context.Saga.DeadlineAt is not null,
                    withDeadline => withDeadline.Schedule(DeadlineTimer,
                        context => new WorkflowDeadlineElapsed { WorkflowId = context.Saga.CorrelationId },
                        context => context.Saga.DeadlineAt!.Value.UtcDateTime)));

        During(Running, Compensating, NeedsAttention,
            When(StepSucceeded).ThenAsync(context => ProgressAsync(context, state => progression.Complete(state, context.Message))),
            When(StepFailed).ThenAsync(context => ProgressAsync(context, state => progression.Fail(state, context.Message))),
            When(StepFaulted).ThenAsync(context => ProgressAsync(context, state => progression.Fault(state, context.Message.Message, Describe(context.Message)))),
            When(RetryFired).ThenAsync(context => ProgressAsync(context, state => progression.RetryDue(state, context.Message))),
            When(Admitted).ThenAsync(context => ProgressAsync(context, state => progression.Admit(state, context.Message))),
            When(TimeoutElapsed).ThenAsync(context => ProgressAsync(context, state => progression.TimeOut(state, context.Message))),
            When(CompensationSucceeded).ThenAsync(context => ProgressAsync(context, state => progression.Compensated(state, context.Message))),
            When(CompensationFailed).ThenAsync(context => ProgressAsync(context, state => progression.CompensationFailed(state, context.Message))),
            When(CompensationFaulted).ThenAsync(context => ProgressAsync(context, state => progression.CompensationFault(state, context.Message.Message, Describe(context.Message)))),
            When(CancelRequested).ThenAsync(context => ProgressAsync(context, state => progression.Cancel(state, context.Message))),
            When(RetryRequested).ThenAsync(context => ProgressAsync(context, state => progression.RequestRetry(state, context.Message))),
            When(RecoverRequested).ThenAsync(context => ProgressAsync(context, state => progression.Recover(state, context.Message))),
            When(DeadlineTimer.Received).ThenAsync(context => ProgressAsync(context, state => progression.DeadlinePassed(state, context.Message))));

        // A Failed workflow waits only for an operator's retry.
        During(Failed,
            When(RetryRequested).ThenAsync(context => ProgressAsync(context, state => progression.RequestRetry(state, context.Message))),
            Ignore(StepSucceeded), Ignore(StepFailed), Ignore(StepFaulted), Ignore(RetryFired), Ignore(Admitted), Ignore(TimeoutElapsed),
            Ignore(CompensationSucceeded), Ignore(CompensationFailed), Ignore(CompensationFaulted), Ignore(CancelRequested),
            Ignore(RecoverRequested), Ignore(DeadlineTimer.Received));

        // Terminal states are kept: late or duplicate messages for a finished workflow are consumed and change nothing.
        During(Completed, Compensated, Cancelled, Rejected,
            Ignore(StepSucceeded), Ignore(StepFailed), Ignore(StepFaulted), Ignore(RetryFired), Ignore(Admitted), Ignore(TimeoutElapsed),
            Ignore(CompensationSucceeded), Ignore(CompensationFailed), Ignore(CompensationFaulted), Ignore(CancelRequested),
            Ignore(RetryRequested), Ignore(RecoverRequested), Ignore(DeadlineTimer.Received));

        // A start for an id that exists starts nothing, whatever the first run's state.
        DuringAny(Ignore(StartRequested));
    }

    public State Running { get; private set; } = null!;

    public State Compensating { get; private set; } = null!;

    public State NeedsAttention { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Compensated { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public State Rejected { get; private set; } = null!;

    public Event<StartWorkflow> StartRequested { get; private set; } = null!;

    public Event<StepCompleted> StepSucceeded { get; private set; } = null!;

    public Event<StepFailed> StepFailed { get; private set; } = null!;

    public Event<Fault<ExecuteStep>> StepFaulted { get; private set; } = null!;

    /// <summary>A retry delay ran out (a durable timer this machine scheduled).</summary>
    public Event<RetryStep> RetryFired { get; private set; } = null!;

    /// <summary>An attempt's timeout ran out (a durable timer this machine scheduled).</summary>
    public Event<StepTimeoutElapsed> TimeoutElapsed { get; private set; } = null!;

    /// <summary>A slot under the limits of a waiting step's service is free (the admission relay).</summary>
    public Event<AdmitStep> Admitted { get; private set; } = null!;

    public Event<StepCompensated> CompensationSucceeded { get; private set; } = null!;

    public Event<StepCompensationFailed> CompensationFailed { get; private set; } = null!;

    public Event<Fault<CompensateStep>> CompensationFaulted { get; private set; } = null!;

    public Event<CancelWorkflow> CancelRequested { get; private set; } = null!;

    public Event<RetryWorkflow> RetryRequested { get; private set; } = null!;

    /// <summary>The sweeper found the workflow with nothing outstanding (see <see cref="Recovery.WorkflowHealth.RecoveryFor"/>).</summary>
    public Event<RecoverWorkflow> RecoverRequested { get; private set; } = null!;

    /// <summary>The run's deadline (from its definition), armed at the start and cancelled when it ends.</summary>
    public Schedule<WorkflowState, WorkflowDeadlineElapsed> DeadlineTimer { get; private set; } = null!;

    // Every message but a start is for an instance that exists; one that is not goes to the error queue.
    private void Correlate<T>(Expression<Func<Event<T>>> @event, Func<T, Guid> workflowId)
        where T : class =>
        Event(@event, x =>
        {
            x.CorrelateById(m => workflowId(m.Message));
            x.OnMissingInstance(m => m.Fault());
        });

    private async Task ProgressAsync<T>(BehaviorContext<WorkflowState, T> context, Action<WorkflowState> decide)
        where T : class
    {
        var recordedBefore = context.Saga.PendingEvents.Count;
        decide(context.Saga);
        foreach (var recorded in context.Saga.PendingEvents.Skip(recordedBefore).ToList())
        {
            await WorkflowEffects.ApplyAsync(context, recorded);
        }

        var settled = StateFor(context.Saga.Status);
        if (context.Saga.CurrentState != settled.Name)
        {
            await context.TransitionToState(settled);
        }
    }

    private State StateFor(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => Running,
        WorkflowStatus.Compensating => Compensating,
        WorkflowStatus.NeedsAttention => NeedsAttention,
        WorkflowStatus.Completed => Completed,
        WorkflowStatus.Failed => Failed,
        WorkflowStatus.Compensated => Compensated,
        WorkflowStatus.Cancelled => Cancelled,
        WorkflowStatus.Rejected => Rejected,
        _ => throw new InvalidOperationException($"no state for status {status}"),
    };

    private static string Describe<T>(Fault<T> fault) =>
        fault.Exceptions.FirstOrDefault() is { } exception
            ? $"{exception.ExceptionType}: {exception.Message}"
            : "no exception was reported";
}
