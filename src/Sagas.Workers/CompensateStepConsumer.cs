using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>Runs a compensation with the handler of its service (<see cref="StepHandlers"/>) and publishes the result.</summary>
public sealed class CompensateStepConsumer(StepHandlers handlers, TimeProvider clock) : IConsumer<CompensateStep>
{
    public async Task Consume(ConsumeContext<CompensateStep> context)
    {
        var command = context.Message;
        var request = new StepRequest(command.WorkflowId, command.Definition, command.StepId, command.Attempt, command.Input) { DispatchedAt = command.DispatchedAt, IdempotencyKey = command.IdempotencyKey };
        var outcome = await handlers.CompensateAsync(command.Service, request, context.CancellationToken);
        await (outcome switch
        {
            StepOutcome.Success success => context.Publish(new StepCompensated
            {
                WorkflowId = command.WorkflowId,
                StepId = command.StepId,
                Attempt = command.Attempt,
                Output = success.Output,
                CompensatedAt = clock.GetUtcNow(),
            }),
            StepOutcome.Failure failure => context.Publish(new StepCompensationFailed
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
