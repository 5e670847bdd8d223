using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Cli.Settings;
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
        var factory = new ConnectionFactory
        {
            HostName = settings.Host,
            Port = settings.Port,
            VirtualHost = settings.VirtualHost,
            UserName = settings.Username,
            Password = settings.Password,
            ClientProvidedName = "sagas setup",
            RequestedConnectionTimeout = TimeSpan.FromSeconds(10),
        };

        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.ExchangeDeclareAsync(BrokerNames.StartWorkflow, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(BrokerNames.StartWorkflow, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(BrokerNames.StartWorkflow, BrokerNames.StartWorkflow, routingKey: string.Empty, cancellationToken: cancellationToken);
        }
        catch (BrokerUnreachableException e)
        {
            throw new UserErrorException($"cannot reach RabbitMQ at {settings.Describe()}: {Innermost(e)}; start it with 'scripts/services up'", e);
        }
        catch (OperationInterruptedException e)
        {
            throw new UserErrorException($"RabbitMQ at {settings.Describe()} refused the declaration: {e.ShutdownReason?.ReplyText ?? e.Message}", e);
        }
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
