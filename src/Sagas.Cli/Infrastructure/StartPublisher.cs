using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Cli.Settings;
using Sagas.Contracts;
using Sagas.Orchestration.Starting;

namespace Sagas.Cli.Infrastructure;

/// <summary>
/// Publishes a start the way any client does: plain JSON to the <c>start-workflow</c> exchange,
/// waiting for the broker's confirm so a start is never lost between the CLI and the queue.
/// </summary>
internal static class StartPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            foreach (var request in requests)
            {
                var properties = new BasicProperties { ContentType = "application/json", Persistent = true, MessageId = request.WorkflowId };
                var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json));
                // With confirmation tracking on, this returns once the broker has confirmed the message.
                await channel.BasicPublishAsync(BrokerNames.StartWorkflow, string.Empty, mandatory: true, properties, body, cancellationToken);
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
