using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Sagas.Contracts;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A client that knows nothing of MassTransit: plain JSON to the start-workflow exchange, with confirms.</summary>
internal sealed class StartClient : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private StartClient(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public IChannel Channel => _channel;

    public static async Task<StartClient> ConnectAsync(string? virtualHost = null)
    {
        var connection = await TestBroker.ConnectAsync(virtualHost);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new StartClient(connection, channel);
    }

    public async Task<Guid> StartAsync(string definition, JsonObject input, Guid? workflowId = null)
    {
        var id = workflowId ?? Guid.NewGuid();
        var body = new JsonObject { ["workflowId"] = id.ToString(), ["definition"] = definition, ["input"] = input.DeepClone() };
        await PublishRawAsync(body.ToJsonString());
        return id;
    }

    public async Task PublishRawAsync(string json)
    {
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        await _channel.BasicPublishAsync(BrokerNames.StartWorkflow, string.Empty, mandatory: true, properties, Encoding.UTF8.GetBytes(json));
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
