using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Contracts;

namespace Sagas.Cli.Setup;

/// <summary>
/// Declares the <c>start-workflow</c> exchange and its queue, so a start published before
/// any node runs waits in the queue instead of being dropped by an exchange with no binding.
/// The shape is what MassTransit declares for a receive endpoint of that name (a durable
/// fanout exchange bound to a durable classic queue), so the node later finds it as its own.
/// </summary>
internal static class StartWorkflowTopology
{
    public static async Task DeclareAsync(RabbitMqSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas setup", cancellationToken);
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(BrokerNames.StartWorkflow, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(BrokerNames.StartWorkflow, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(BrokerNames.StartWorkflow, BrokerNames.StartWorkflow, routingKey: string.Empty, cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException e)
        {
            throw new UserErrorException($"RabbitMQ at {settings.Describe()} refused the declaration: {e.ShutdownReason?.ReplyText ?? e.Message}", e);
        }
    }
}
