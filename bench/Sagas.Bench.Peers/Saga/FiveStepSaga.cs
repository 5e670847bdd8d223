using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Bench.Peers.Saga;

/// <summary>
/// A fixed workflow of five steps on the <c>noop</c> service, one after another, as a team would
/// hand-write it: a counter rather than a state per step, since every step is alike. A failed
/// step fails the workflow (no retries, no compensation, no timers).
/// </summary>
public sealed class FiveStepSaga : MassTransitStateMachine<FiveStepState>
{
    public const int Steps = 5;

    private static readonly Uri NoopQueue = new("queue:noop");

    public FiveStepSaga()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Started, e => e.CorrelateById(m => m.Message.WorkflowId));
        Event(() => StepCompleted, e =>
        {
            e.CorrelateById(m => m.Message.WorkflowId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => StepFailed, e =>
        {
            e.CorrelateById(m => m.Message.WorkflowId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Started)
                .Then(x =>
                {
                    x.Saga.Definition = x.Message.Definition;
                    x.Saga.Input = x.Message.Input ?? [];
                    x.Saga.Step = 1;
                })
                .Send(NoopQueue, x => ExecuteStepOf(x.Saga))
                .TransitionTo(Running));

        // Only the result of the step awaited moves the workflow; a redelivered one does nothing.
        During(Running,
            When(StepCompleted, x => x.Message.StepId == StepId(x.Saga.Step))
                .IfElse(x => x.Saga.Step < Steps,
                    next => next
                        .Then(x => x.Saga.Step++)
                        .Send(NoopQueue, x => ExecuteStepOf(x.Saga)),
                    last => last
                        .Publish(x => new WorkflowCompleted
                        {
                            WorkflowId = x.Saga.CorrelationId,
                            Definition = x.Saga.Definition,
                            Version = 1,
                            CompletedAt = DateTimeOffset.UtcNow,
                        })
                        .TransitionTo(Completed)),
            When(StepFailed, x => x.Message.StepId == StepId(x.Saga.Step))
                .Publish(x => new WorkflowFailed
                {
                    WorkflowId = x.Saga.CorrelationId,
                    Definition = x.Saga.Definition,
                    StepId = x.Message.StepId,
                    Reason = x.Message.Reason,
                    FailedAt = DateTimeOffset.UtcNow,
                })
                .TransitionTo(Failed));

        During(Running, Completed, Failed, Ignore(Started));
        During(Completed, Failed, Ignore(StepCompleted), Ignore(StepFailed));
    }

    public State Running { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<StartWorkflow> Started { get; private set; } = null!;
    public Event<StepCompleted> StepCompleted { get; private set; } = null!;
    public Event<StepFailed> StepFailed { get; private set; } = null!;

    private static string StepId(int step) => $"s{step}";

    private static ExecuteStep ExecuteStepOf(FiveStepState saga) => new()
    {
        WorkflowId = saga.CorrelationId,
        StepId = StepId(saga.Step),
        Attempt = 1,
        Service = "noop",
        Input = saga.Input,
        Definition = saga.Definition,
        DispatchedAt = DateTimeOffset.UtcNow,
        IdempotencyKey = $"{saga.CorrelationId:N}/{StepId(saga.Step)}",
    };
}
