using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>Runs a step command with the handler of its service (<see cref="StepHandlers"/>) and publishes the result.</summary>
public sealed class ExecuteStepConsumer(StepHandlers handlers, TimeProvider clock) : IConsumer<ExecuteStep>
{
    public async Task Consume(ConsumeContext<ExecuteStep> context)
    {
        var command = context.Message;
        var request = new StepRequest(command.WorkflowId, command.Definition, command.StepId, command.Attempt, command.Input) { DispatchedAt = command.DispatchedAt, IdempotencyKey = command.IdempotencyKey };
        var outcome = await handlers.HandleAsync(command.Service, request, context.CancellationToken);
        await (outcome switch
        {
            StepOutcome.Success success => context.Publish(new StepCompleted
            {
                WorkflowId = command.WorkflowId,
                StepId = command.StepId,
                Attempt = command.Attempt,
                Output = success.Output,
                CompletedAt = clock.GetUtcNow(),
            }),
            StepOutcome.Failure failure => context.Publish(new StepFailed
            {
                WorkflowId = command.WorkflowId,
                StepId = command.StepId,
                Attempt = command.Attempt,
                Reason = failure.Reason,
                Retryable = failure.Retryable,
                FailedAt = clock.GetUtcNow(),
            }),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}"),
        });
    }
}
