using Sagas.Contracts;

namespace Sagas.Cli.Setup;

/// <summary><c>sagas setup</c>: declares what must exist on the broker before any node runs. Safe to repeat.</summary>
internal static class SetupCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("setup", "Declare the start-workflow and workflow-signal exchanges and queues on the configured RabbitMQ (idempotent)");
        command.SetAction(async (_, cancellationToken) =>
        {
            var rabbit = context.Settings.RabbitMq;
            await StartWorkflowTopology.DeclareAsync(rabbit, cancellationToken);
            await context.Output.WriteLineAsync($"declared exchanges and queues {string.Join(", ", StartWorkflowTopology.Names.Select(n => $"'{n}'"))} on {rabbit.Describe()}");
            return ExitCodes.Success;
        });
        return command;
    }
}
