using MassTransit;
using Microsoft.Extensions.Logging;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>
/// Runs a step command with the handler of its service and publishes the result. A handler's
/// failure or exception is a <see cref="StepFailed"/>; a command for a service this node does
/// not host faults, so it lands in the error queue and the saga hears of it as a fault.
/// </summary>
public sealed class ExecuteStepConsumer(IEnumerable<IStepHandler> handlers, TimeProvider clock, ILogger<ExecuteStepConsumer> logger)
    : IConsumer<ExecuteStep>
{
    private readonly Dictionary<string, IStepHandler> _handlers = handlers.ToDictionary(h => h.Service, StringComparer.Ordinal);

    public async Task Consume(ConsumeContext<ExecuteStep> context)
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
            outcome = await handler.HandleAsync(request, context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Step {StepId} of workflow {WorkflowId} threw in service {Service}", command.StepId, command.WorkflowId, command.Service);
            outcome = StepOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }

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
