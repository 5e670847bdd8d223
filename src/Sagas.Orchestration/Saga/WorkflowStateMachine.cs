using System.Linq.Expressions;
using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Saga;

/// <summary>
/// Runs any workflow definition. Its states say which messages a run takes; each message it takes
/// goes to one decider (<see cref="WorkflowDeciders"/>), which records what it means as events on
/// the state; every event recorded turns into its effect (<see cref="WorkflowEffects"/>: a command
/// sent, a timer armed, an outcome published). The events set the status, and the status is the
/// machine's state, so the machine never transitions by itself.
/// </summary>
public sealed class WorkflowStateMachine : MassTransitStateMachine<WorkflowState>
{
    public WorkflowStateMachine(WorkflowDeciders decide)
    {
        InstanceState(x => x.CurrentState);

        Event(() => StartRequested, x => x.CorrelateById(m => m.Message.WorkflowId));
        Correlate(() => StepSucceeded);
        Correlate(() => StepFailed);
        Correlate(() => StepFaulted);
        Correlate(() => RetryFired);
        Correlate(() => TimeoutElapsed);
        Correlate(() => CompensationSucceeded);
        Correlate(() => CompensationFailed);
        Correlate(() => CompensationFaulted);
        Correlate(() => CancelRequested);
        Correlate(() => RetryRequested);
        Correlate(() => Admitted);
        Correlate(() => RecoverRequested);
        Correlate(() => SignalArrived);
        Correlate(() => ChildEnded);
        Correlate(() => UndoAsked);

        // The deadline through MassTransit's own Schedule: its token lives on the saga, and a firing
        // whose token is not the saga's (a stale one) is not delivered as the event.
        Schedule(() => DeadlineTimer, x => x.DeadlineTokenId, timer => timer.Received = r => r.CorrelateById(m => m.Message.WorkflowId));

        Initially(
            Decide(StartRequested, decide.Start.Start)
                .If(context => context.Saga.Status == WorkflowStatus.Running && context.Saga.DeadlineAt is not null,
                    withDeadline => withDeadline.Schedule(DeadlineTimer,
                        context => new WorkflowDeadlineElapsed { WorkflowId = context.Saga.CorrelationId },
                        context => context.Saga.DeadlineAt!.Value.UtcDateTime)));

        // Results of the attempts awaited count in every open state: while compensating, a step
        // still out is awaited before what it did is undone. A success of an attempt no longer
        // awaited is a twin that did the work after all: recorded, and undone where it must not
        // stand. Declared first, so it sees the result before Complete takes it.
        During(Running, Compensating, NeedsAttention,
            Decide(StepSucceeded, decide.Abandoned.StaleSuccess),
            Decide(StepSucceeded, decide.Steps.Complete),
            Decide(StepFailed, decide.Steps.Fail),
            Decide(StepFaulted, (state, fault) => decide.Steps.Fault(state, fault.Message, Describe(fault))),
            Decide(TimeoutElapsed, decide.Steps.TimeOut, due => !due.Compensation));

        // The undos of abandoned attempts' effects are answered, timed out and retried whatever the
        // run's state: many are decided as it ends, and it stays ended meanwhile.
        During([Running, Compensating, NeedsAttention, Failed, Completed, Compensated, Cancelled],
            Decide(CompensationSucceeded, decide.Abandoned.Undone, result => result.MaybeCompleted),
            Decide(CompensationFailed, decide.Abandoned.UndoFailed, failure => failure.MaybeCompleted),
            Decide(CompensationFaulted, (state, fault) => decide.Abandoned.UndoFault(state, fault.Message, Describe(fault)), fault => fault.Message.MaybeCompleted),
            Decide(TimeoutElapsed, decide.Abandoned.UndoTimedOut, due => due.Effect is not null),
            Decide(RetryFired, decide.Abandoned.UndoRetryDue, due => due.Effect is not null));

        During(Running,
            Decide(RetryFired, decide.Waiting.RetryDue, due => !due.Compensation),
            Decide(Admitted, decide.Waiting.Admit),
            Decide(CancelRequested, decide.Operator.Cancel),
            Decide(RecoverRequested, decide.Recovery.Recover),
            Decide(DeadlineTimer.Received, decide.Deadline.DeadlinePassed),
            // A retry request has nothing to act on. The answers of a step's compensation, and its
            // retry or timeout firing, are stale here: they match no filtered Decide and do nothing.
            Ignore(RetryRequested));

        During(Compensating, NeedsAttention,
            Decide(RetryFired, decide.Compensations.RetryDue, due => due.Compensation && due.Effect is null),
            Decide(TimeoutElapsed, decide.Compensations.TimeOut, due => due.Compensation && due.Effect is null),
            Decide(CompensationSucceeded, decide.Compensations.Compensated, result => !result.MaybeCompleted),
            Decide(CompensationFailed, decide.Compensations.Failed, failure => !failure.MaybeCompleted),
            Decide(CompensationFaulted, (state, fault) => decide.Compensations.Fault(state, fault.Message, Describe(fault)), fault => !fault.Message.MaybeCompleted),
            Ignore(DeadlineTimer.Received));

        // Undoing: nothing new goes forward (a step's retry firing matches no filtered Decide), and
        // a cancel or a retry has nothing to act on.
        During(Compensating,
            Decide(RecoverRequested, decide.Recovery.Recover),
            Ignore(Admitted), Ignore(CancelRequested), Ignore(RetryRequested));

        // Stopped for an operator: at a blocked step (the rest of the run goes on, and it can be
        // cancelled) or at a compensation that failed for good (the other undos go on).
        During(NeedsAttention,
            Decide(RetryFired, decide.Waiting.RetryDue, due => !due.Compensation),
            Decide(Admitted, decide.Waiting.Admit),
            // Only a run stopped at a blocked step can be cancelled; one undoing already is ending.
            Decide(CancelRequested, decide.Operator.Cancel, (state, _) => state.IsForward),
            Decide(RetryRequested, decide.Operator.RequestRetry),
            Ignore(RecoverRequested));

        // Ended (a Failed workflow waits only for an operator's retry): a late success of an
        // abandoned attempt is recorded, and its effect undone when it must not stand; everything
        // else late or duplicate is consumed and changes nothing (a step's retry or timeout firing,
        // a step compensation's answer: no filtered Decide above matches them).
        During(Failed, Completed, Compensated, Cancelled,
            Decide(StepSucceeded, decide.Abandoned.LateSuccess),
            Ignore(StepFailed), Ignore(StepFaulted), Ignore(Admitted), Ignore(CancelRequested), Ignore(RecoverRequested), Ignore(DeadlineTimer.Received));

        During(Failed, Decide(RetryRequested, decide.Operator.RequestRetry));

        During(Completed, Compensated, Cancelled, Ignore(RetryRequested));

        // A rejected start ran nothing: whatever comes for it is consumed and changes nothing.
        During(Rejected,
            Ignore(StepSucceeded), Ignore(StepFailed), Ignore(StepFaulted), Ignore(RetryFired), Ignore(Admitted), Ignore(TimeoutElapsed),
            Ignore(CompensationSucceeded), Ignore(CompensationFailed), Ignore(CompensationFaulted), Ignore(CancelRequested),
            Ignore(RetryRequested), Ignore(RecoverRequested), Ignore(DeadlineTimer.Received));

        // A child run's end is its step's result: awaited while the run is open, stale once it ended.
        During(Running, Compensating, NeedsAttention, Decide(ChildEnded, decide.Children.Ended));
        During([Failed, Completed, Compensated, Cancelled, Rejected], Ignore(ChildEnded));

        // A parent undoing the step that started this run: a completed run undoes itself, an ended one answers at once.
        During([Completed, Compensated, Cancelled, Failed, Rejected], Decide(UndoAsked, decide.Children.UndoRequested));
        During(Running, Compensating, NeedsAttention, Ignore(UndoAsked));

        // A signal is taken in every state: given to its step, kept for it, or recorded as ignored.
        During([Running, Compensating, NeedsAttention, Failed, Completed, Compensated, Cancelled, Rejected],
            Decide(SignalArrived, decide.Signals.Receive));

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

    /// <summary>A retry delay ran out, or a circuit the step waited for half-opened (a durable timer this machine scheduled).</summary>
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

    /// <summary>A named signal for a step that waits for one (<c>wait_for:</c>), from <c>sagas signal</c> or the <c>workflow-signal</c> exchange.</summary>
    public Event<SignalWorkflow> SignalArrived { get; private set; } = null!;

    /// <summary>A child run that a step started (<c>workflow:</c>) ended.</summary>
    public Event<ChildWorkflowEnded> ChildEnded { get; private set; } = null!;

    /// <summary>This run's parent is undoing the step that started it.</summary>
    public Event<CompensateWorkflow> UndoAsked { get; private set; } = null!;

    /// <summary>The run's deadline (from its definition), armed at the start and cancelled when it ends.</summary>
    public Schedule<WorkflowState, WorkflowDeadlineElapsed> DeadlineTimer { get; private set; } = null!;

    // Every message but a start is for an instance that exists; one that is not goes to the error queue.
    private void Correlate<T>(Expression<Func<Event<T>>> @event)
        where T : class =>
        Event(@event, x =>
        {
            x.CorrelateById(m => WorkflowMessages.IdOf(m.Message));
            x.OnMissingInstance(m => m.Fault());
        });

    private EventActivityBinder<WorkflowState, T> Decide<T>(Event<T> @event, Action<WorkflowState, T> decide)
        where T : class =>
        When(@event).ThenAsync(context => DecideAsync(context, decide));

    private EventActivityBinder<WorkflowState, T> Decide<T>(Event<T> @event, Action<WorkflowState, T> decide, Func<T, bool> takes)
        where T : class =>
        When(@event, context => takes(context.Message)).ThenAsync(context => DecideAsync(context, decide));

    private EventActivityBinder<WorkflowState, T> Decide<T>(Event<T> @event, Action<WorkflowState, T> decide, Func<WorkflowState, T, bool> takes)
        where T : class =>
        When(@event, context => takes(context.Saga, context.Message)).ThenAsync(context => DecideAsync(context, decide));

    // The decider records events on the state (each applied as it is recorded); each one recorded
    // by this message then has its effect, written to the outbox with the state.
    private static async Task DecideAsync<T>(BehaviorContext<WorkflowState, T> context, Action<WorkflowState, T> decide)
        where T : class
    {
        var recordedBefore = context.Saga.PendingEvents.Count;
        decide(context.Saga, context.Message);
        foreach (var recorded in context.Saga.PendingEvents.Skip(recordedBefore).ToList())
        {
            await WorkflowEffects.ApplyAsync(context, recorded);
        }
    }

    private static string Describe<T>(Fault<T> fault) =>
        fault.Exceptions.FirstOrDefault() is { } exception
            ? $"{exception.ExceptionType}: {exception.Message}"
            : "no exception was reported";
}
