using MassTransit;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;

namespace Sagas.Workers;

/// <summary>
/// Runs a step command with the handler of its service (<see cref="StepHandlers"/>) and publishes
/// its result; what the command asks of the handler and which results answer it are the
/// command's <see cref="IStepCommandHandling{TCommand}"/>.
/// </summary>
public sealed class StepCommandConsumer<TCommand>(StepHandlers handlers, IStepCommandHandling<TCommand> handling, TimeProvider clock) : IConsumer<TCommand>
    where TCommand : StepCommand
{
    public async Task Consume(ConsumeContext<TCommand> context)
    {
        var command = context.Message;
        var outcome = await handling.RunAsync(handlers, command.Service, StepRequest.For(command), context.CancellationToken);
        IStepResult result = outcome switch
        {
            StepOutcome.Success success => handling.Completed(command, success.Output, clock.GetUtcNow()),
            StepOutcome.Failure failure => handling.Failed(command, failure, clock.GetUtcNow()),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}"),
        };

        // Published as what it is (StepCompleted …), not as the interface.
        await context.Publish(result, result.GetType(), context.CancellationToken);
    }
}
