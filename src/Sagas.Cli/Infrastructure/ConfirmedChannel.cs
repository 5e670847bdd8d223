using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// How the CLI publishes its few messages, a start or an operator's command: as JSON on a channel
/// with publisher confirms tracked, so a publish returns only once the broker has the message,
/// and mandatory, so one that no queue takes throws <see cref="RabbitMQ.Client.Exceptions.PublishReturnException"/>.
/// </summary>
internal static class ConfirmedChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<IChannel> OpenAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    public static async Task PublishJsonAsync<T>(
        IChannel channel, string exchange, string routingKey, BasicProperties properties, T message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, Json));
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body, cancellationToken);
    }
}
