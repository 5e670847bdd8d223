using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Sagas.Cli.Errors;

/// <summary>How many messages a queue holds now, from the broker itself (the management API's count lags by seconds).</summary>
internal static class ParkingQueueDepth
{
    public static async Task<uint> OfAsync(IConnection connection, string virtualHost, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel, so it gets one of its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new UserErrorException(
                $"no queue '{queue}' in vhost '{virtualHost}' ('sagas errors list' shows the error and skipped queues that hold messages)", e);
        }
    }
}
