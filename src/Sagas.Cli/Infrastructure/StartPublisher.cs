using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Contracts;
using Sagas.Orchestration.Starting;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// Publishes a start the way any client does: plain JSON to the <c>start-workflow</c> exchange,
/// waiting for the broker's confirm so a start is never lost between the CLI and the queue.
/// </summary>
internal static class StartPublisher
{
    public static Task PublishAsync(RabbitMqSettings settings, StartWorkflowRequest request, Func<StartWorkflowRequest, Task>? confirmed, CancellationToken cancellationToken) =>
        PublishAsync(settings, [request], confirmed, cancellationToken);

    /// <summary>
    /// Publishes each request and waits for its confirm; several go over one connection.
    /// <paramref name="confirmed"/> hears of each request once the broker has it, so a caller
    /// stopped part way (the broker went away) still knows exactly which starts were taken.
    /// </summary>
    public static async Task PublishAsync(
        RabbitMqSettings settings, IReadOnlyList<StartWorkflowRequest> requests, Func<StartWorkflowRequest, Task>? confirmed, CancellationToken cancellationToken)
    {
        await using var connection = await BrokerConnection.OpenAsync(settings, "sagas start", cancellationToken);
        try
        {
            await using var channel = await ConfirmedChannel.OpenAsync(connection, cancellationToken);
            foreach (var request in requests)
            {
                var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = request.WorkflowId };
                // Returns once the broker has confirmed the start.
                await ConfirmedChannel.PublishJsonAsync(channel, BrokerNames.StartWorkflow, string.Empty, properties, request, cancellationToken);
                if (confirmed is not null)
                {
                    await confirmed(request);
                }
            }
        }
        catch (PublishReturnException e)
        {
            throw new UserErrorException($"the '{BrokerNames.StartWorkflow}' exchange has no queue on {settings.Describe()} ({e.ReplyText}); run 'sagas setup'", e);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            throw new UserErrorException($"the '{BrokerNames.StartWorkflow}' exchange does not exist on {settings.Describe()}; run 'sagas setup'", e);
        }
    }
}
