using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Contracts;
using Sagas.Orchestration.Workflows;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// Sends an operator's command (cancel, retry) to the orchestrator's queue as a MassTransit JSON
/// envelope over a plain RabbitMQ connection, waiting for the broker's confirm: what any client
/// in any language could do, and no bus to start for one message.
/// </summary>
internal static class OrchestratorSender
{
    public static async Task SendAsync<T>(RabbitMqSettings settings, T command, CancellationToken cancellationToken)
        where T : class
    {
        var queue = BrokerNames.Orchestrator;
        var envelope = new
        {
            messageId = Guid.NewGuid(),
            destinationAddress = $"queue:{queue}",
            messageType = new[] { $"urn:message:{typeof(T).Namespace}:{typeof(T).Name}" },
            message = command,
            sentTime = DateTimeOffset.UtcNow,
        };
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas operator", cancellationToken);
        try
        {
            await using var channel = await ConfirmedChannel.OpenAsync(connection, cancellationToken);
            var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            // The default exchange routes by queue name, so the command reaches the queue itself.
            await ConfirmedChannel.PublishJsonAsync(channel, string.Empty, queue, properties, envelope, cancellationToken);
        }
        catch (PublishReturnException e)
        {
            throw new UserErrorException($"the '{queue}' queue does not exist on {settings.Describe()} ({e.ReplyText}); start an orchestrator once ('sagas run --orchestrator')", e);
        }
    }
}
