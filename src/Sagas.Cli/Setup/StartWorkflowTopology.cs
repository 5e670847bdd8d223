using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Contracts;

namespace Sagas.Cli.Setup;

/// <summary>
/// Declares the <c>start-workflow</c> and <c>workflow-signal</c> exchanges and their queues, so a
/// start or a signal published before any node runs waits in its queue instead of being dropped by
/// an exchange with no binding.
/// The shape is what MassTransit declares for a receive endpoint of that name (a durable
/// fanout exchange bound to a durable classic queue), so the node later finds it as its own.
/// </summary>
internal static class StartWorkflowTopology
{
    /// <summary>The exchanges (each with its queue of the same name) that clients in any language publish to.</summary>
    public static readonly IReadOnlyList<string> Names = [BrokerNames.StartWorkflow, BrokerNames.WorkflowSignal];

    public static async Task DeclareAsync(RabbitMqSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas setup", cancellationToken);
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            foreach (var name in Names)
            {
                await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
                await channel.QueueBindAsync(name, name, routingKey: string.Empty, cancellationToken: cancellationToken);
            }
        }
        catch (OperationInterruptedException e)
        {
            throw new UserErrorException($"RabbitMQ at {settings.Describe()} refused the declaration: {e.ShutdownReason?.ReplyText ?? e.Message}", e);
        }
    }
}
