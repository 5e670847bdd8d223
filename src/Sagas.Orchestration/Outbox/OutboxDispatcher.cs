using MassTransit;
using Microsoft.Extensions.Logging;

namespace Sagas.Orchestration.Outbox;

/// <summary>
/// Sends a committed message's outbox rows straight away, in the order the saga sent them, and
/// hands each sent row to the <see cref="OutboxCleaner"/>. This is the happy path: the relay never
/// sees these rows.
/// </summary>
internal sealed partial class OutboxDispatcher(OutboxCleaner cleaner, ILogger<OutboxDispatcher> logger)
{
    public async Task DispatchAsync(ConsumeContext context, IReadOnlyList<OutgoingMessage> outgoing)
    {
        for (var sent = 0; sent < outgoing.Count; sent++)
        {
            var message = outgoing[sent];
            try
            {
                if (message.Row.Delivery == TimerDelivery.Publish)
                {
                    await context.Publish(message.Message, message.MessageType, context.CancellationToken);
                }
                else
                {
                    var endpoint = await context.GetSendEndpoint(new Uri(message.Row.Destination));
                    await endpoint.Send(message.Message, message.MessageType, context.CancellationToken);
                }
            }
            catch (Exception error)
            {
                // The state is committed and so are these rows: failing the message now would only
                // retry a message whose work is done. The relay sends the rest when their lease ends.
                LogSendDeferred(logger, outgoing.Count - sent, message.Row.DueAt, error);
                return;
            }

            cleaner.Sent(message.Row.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} committed outbox message(s) could not be sent now; the timer relay sends them after {DueAt:O}")]
    private static partial void LogSendDeferred(ILogger logger, int count, DateTimeOffset dueAt, Exception error);
}
