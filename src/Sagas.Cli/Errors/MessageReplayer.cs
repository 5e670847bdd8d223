using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Sagas.Cli.Errors;

/// <summary>
/// Moves parked messages back to the queues they came from: each is taken with a manual ack,
/// published with its body, content type and headers (less those the move added) and a
/// publisher confirm, and only then acknowledged, so a failure leaves it parked (at worst twice
/// delivered, never lost).
/// </summary>
internal static class MessageReplayer
{
    /// <summary>Replays the message with <paramref name="messageId"/>, or every message when it is null.</summary>
    public static async Task<IReadOnlyList<ReplayedMessage>> ReplayAsync(RabbitMqSettings settings, string queue, string? messageId, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas errors replay", cancellationToken);
        var depth = await ParkingQueueDepth.OfAsync(connection, settings.VirtualHost, queue, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

        // Messages passed over stay unacknowledged until the pass ends, so each basic.get moves on
        // to the next one (a message requeued at once would come straight back); then they are
        // requeued together and keep their places. One pass over the depth counted at the start.
        var held = new List<ulong>();
        var replayed = new List<ReplayedMessage>();
        try
        {
            for (var taken = 0u; taken < depth; taken++)
            {
                var message = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken);
                if (message is null)
                {
                    break;
                }

                held.Add(message.DeliveryTag);
                var id = MessageEnvelope.IdOf(message.BasicProperties.MessageId, message.Body.Span);
                if (messageId is not null && id != messageId)
                {
                    continue;
                }

                var target = ErrorQueue.SourceOf(queue, InputAddressOf(message.BasicProperties));
                await RepublishAsync(channel, message, target, settings, queue, cancellationToken);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
                held.Remove(message.DeliveryTag);
                replayed.Add(new ReplayedMessage(id, queue, target));
                if (messageId is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            // A closed channel has already given its unacknowledged messages back.
            if (channel.IsOpen)
            {
                foreach (var tag in held)
                {
                    await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
                }
            }
        }

        return replayed;
    }

    private static async Task RepublishAsync(IChannel channel, BasicGetResult message, string target, RabbitMqSettings settings, string queue, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties(message.BasicProperties)
        {
            Headers = message.BasicProperties.Headers?
                .Where(header => !FaultHeaders.WereAddedByTheMove(header.Key))
                .ToDictionary(header => header.Key, header => header.Value),
        };

        try
        {
            // Mandatory: a target queue that no longer exists is an error, not a silent drop.
            await channel.BasicPublishAsync(string.Empty, target, mandatory: true, properties, message.Body, cancellationToken);
        }
        catch (PublishReturnException e)
        {
            throw new UserErrorException(
                $"queue '{target}' does not exist in vhost '{settings.VirtualHost}' ({e.ReplyText}); the message stays in '{queue}'", e);
        }
    }

    private static string? InputAddressOf(IReadOnlyBasicProperties properties) =>
        properties.Headers?.TryGetValue(FaultHeaders.InputAddress, out var value) == true
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;
}
