using System.Diagnostics;
using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Workers.Instances;

namespace Sagas.Workers;

/// <summary>
/// Runs a step command with the handler of its service (<see cref="StepHandlers"/>) and publishes
/// its result; what the command asks of the handler and which results answer it are the
/// command's <see cref="IStepCommandHandling{TCommand}"/>.
/// </summary>
/// <remarks>Each command counts for the hosted instance it reached (<see cref="HostedInstances"/>): its in-flight, latency and failures travel with the instance's registration.</remarks>
public sealed class StepCommandConsumer<TCommand>(
    StepHandlers handlers, IStepCommandHandling<TCommand> handling, TimeProvider clock, WorkerInstance instance, HostedInstances hosted, InstanceStats stats)
    : IConsumer<TCommand>
    where TCommand : StepCommand
{
    public async Task Consume(ConsumeContext<TCommand> context)
    {
        var command = context.Message;
        var startedAt = clock.GetUtcNow();
        var queue = QueueOf(context);
        using var span = StepTracing.Start(command, instance.Node, queue);
        var serving = hosted.For(command.Service, queue);
        if (serving is not null)
        {
            stats.Started(serving);
        }

        StepOutcome? outcome = null;
        try
        {
            outcome = await handling.RunAsync(handlers, command.Service, StepRequest.For(command), context.CancellationToken);
        }
        finally
        {
            // A handler that threw counts as a failed call of the instance, as a failure it returned does.
            if (serving is not null)
            {
                var ended = clock.GetUtcNow();
                stats.Finished(serving, ended, ended - startedAt, failed: outcome is not StepOutcome.Success);
            }
        }

        var run = new AttemptRun(startedAt, clock.GetUtcNow(), instance.Node, queue);
        if (outcome is StepOutcome.Failure failed)
        {
            span?.SetStatus(ActivityStatusCode.Error, failed.Reason);
        }

        IStepResult result = outcome switch
        {
            StepOutcome.Success success => handling.Completed(command, success.Output, run),
            StepOutcome.Failure failure => handling.Failed(command, failure, run),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}"),
        };

        // Published as what it is (StepCompleted …), not as the interface.
        await context.Publish(result, result.GetType(), context.CancellationToken);
    }

    // The input address ends in the queue's name (rabbitmq://host/vhost/payment?bind=…).
    private static string QueueOf(ConsumeContext context) =>
        context.ReceiveContext.InputAddress?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
}
