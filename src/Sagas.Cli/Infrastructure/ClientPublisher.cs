using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// Publishes the way any client does: plain JSON to one of the exchanges clients use
/// (<c>start-workflow</c>, <c>workflow-signal</c>), each message persistent and confirmed by the
/// broker before the next, so nothing is lost between the CLI and the queue.
/// </summary>
internal static class ClientPublisher
{
    /// <summary>
    /// Publishes each message and waits for its confirm, over one connection; <paramref name="confirmed"/>
    /// hears of each once the broker has it, so a caller stopped part way knows which were taken.
    /// </summary>
    public static async Task PublishAsync<T>(
        RabbitMqSettings settings, string exchange, string client, IReadOnlyList<T> messages, Func<T, string?> messageId, Func<T, Task>? confirmed, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, client, cancellationToken);
        try
        {
            await using var channel = await ConfirmedChannel.OpenAsync(connection, cancellationToken);
            foreach (var message in messages)
            {
                var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = messageId(message) };
                await ConfirmedChannel.PublishJsonAsync(channel, exchange, string.Empty, properties, message, cancellationToken);
                if (confirmed is not null)
                {
                    await confirmed(message);
                }
            }
        }
        catch (PublishReturnException e)
        {
            throw new UserErrorException($"the '{exchange}' exchange has no queue on {settings.Describe()} ({e.ReplyText}); run 'sagas setup'", e);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new UserErrorException($"the '{exchange}' exchange does not exist on {settings.Describe()}; run 'sagas setup'", e);
        }
    }
}
