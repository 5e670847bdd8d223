using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Contracts;
using Sagas.Orchestration.Signaling;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// Publishes a signal the way any client does: plain JSON to the <c>workflow-signal</c> exchange,
/// waiting for the broker's confirm.
/// </summary>
internal static class SignalPublisher
{
    public static async Task PublishAsync(RabbitMqSettings settings, WorkflowSignalRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas signal", cancellationToken);
        try
        {
            await using var channel = await ConfirmedChannel.OpenAsync(connection, cancellationToken);
            var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = request.SignalId };
            await ConfirmedChannel.PublishJsonAsync(channel, BrokerNames.WorkflowSignal, string.Empty, properties, request, cancellationToken);
        }
        catch (PublishReturnException e)
        {
            throw new UserErrorException($"the '{BrokerNames.WorkflowSignal}' exchange has no queue on {settings.Describe()} ({e.ReplyText}); run 'sagas setup'", e);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new UserErrorException($"the '{BrokerNames.WorkflowSignal}' exchange does not exist on {settings.Describe()}; run 'sagas setup'", e);
        }
    }
}
