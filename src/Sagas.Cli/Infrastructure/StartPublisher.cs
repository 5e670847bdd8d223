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

    public static Task PublishAsync(RabbitMqSettings settings, StartWorkflowRequest request, CancellationToken cancellationToken) =>
        PublishAsync(settings, [request], cancellationToken);

    /// <summary>Publishes each request and waits for its confirm; several go over one connection.</summary>
    public static async Task PublishAsync(RabbitMqSettings settings, IReadOnlyList<StartWorkflowRequest> requests, CancellationToken cancellationToken)
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
                await channel.BasicPublishAsync(BrokerNames.StartWorkflow, string.Empty, mandatory: true, properties, body, cancellationToken);
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
