using MassTransit;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>
/// Runs a compensation with the handler of its service and publishes the result, as
/// <see cref="ExecuteStepConsumer"/> does for steps: a failure or an exception is a
/// <see cref="StepCompensationFailed"/>; a service this node does not host faults.
/// </summary>
public sealed class CompensateStepConsumer(IEnumerable<IStepHandler> handlers, TimeProvider clock, ILogger<CompensateStepConsumer> logger)
    : IConsumer<CompensateStep>
{
    private readonly Dictionary<string, IStepHandler> _handlers = handlers.ToDictionary(h => h.Service, StringComparer.Ordinal);

    public async Task Consume(ConsumeContext<CompensateStep> context)
    {
        var command = context.Message;
        if (!_handlers.TryGetValue(command.Service, out var handler))
        {
            throw new InvalidOperationException($"this node hosts no handler for service '{command.Service}'");
        }

        var request = new StepRequest(command.WorkflowId, command.Definition, command.StepId, command.Attempt, command.Input) { DispatchedAt = command.DispatchedAt };
        StepOutcome outcome;
        try
        {
            outcome = await handler.CompensateAsync(request, context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Compensation of step {StepId} of workflow {WorkflowId} threw in service {Service}", command.StepId, command.WorkflowId, command.Service);
            outcome = StepOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }

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
