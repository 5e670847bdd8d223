namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Every decider the workflow state machine calls, one per kind of message, composed once over
/// the shared pieces they build on (routing, failures, compensation, the run's ends). The
/// dependencies run one way: entry deciders → flows → dispatcher and router → outcomes.
/// </summary>
public sealed class WorkflowDeciders
{
    public WorkflowDeciders(DecisionContext context)
    {
        var abandoned = new AbandonedAttempts(context);
        var outcomes = new WorkflowOutcomes(context, abandoned);
        var compensation = new CompensationFlow(context, outcomes);
        var ending = new WorkflowEnding(context, outcomes, compensation);
        var instances = new InstanceRouter(context);
        var router = new StepRouter(context, instances, new LimitRouter(context));
        var dispatcher = new StepDispatcher(context, outcomes, router, ending, abandoned);
        var forward = new ForwardFlow(context, outcomes, dispatcher, ending, compensation, new OptionalSteps(context));
        var retries = new RetryScheduling(context);
        var failures = new AttemptFailures(context, outcomes, router, dispatcher, ending, forward, retries);

        Start = new StartDecider(context, forward);
        Steps = new StepResultDecider(context, outcomes, new CircuitObserver(context), forward, failures);
        Waiting = new WaitingStepDecider(context, outcomes, dispatcher, forward, instances, failures);
        Compensations = new CompensationDecider(context, outcomes, compensation, forward, retries);
        Operator = new OperatorDecider(context, outcomes, ending, forward);
        Deadline = new DeadlineDecider(context, outcomes, ending);
        Abandoned = new AbandonedAttemptDecider(context, abandoned, retries);
        Recovery = new RecoveryDecider(context, outcomes, Steps, Waiting, Compensations, forward);
        Signals = new SignalDecider(context, Steps);
        Children = new ChildDecider(context, outcomes, Steps, Compensations, compensation);
    }

    public StartDecider Start { get; }

    public StepResultDecider Steps { get; }

    public WaitingStepDecider Waiting { get; }

    public CompensationDecider Compensations { get; }

    public OperatorDecider Operator { get; }

    public DeadlineDecider Deadline { get; }

    public RecoveryDecider Recovery { get; }

    public AbandonedAttemptDecider Abandoned { get; }

    public SignalDecider Signals { get; }

    public ChildDecider Children { get; }
}
