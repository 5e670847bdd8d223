using System.Text;
using Sagas.Contracts;

namespace Sagas.IntegrationTests.Engine;

[Collection(EngineCollection.Name)]
public sealed class When_a_start_is_malformed(EngineNode node) : IAsyncLifetime
{
    private const string ErrorQueue = BrokerNames.StartWorkflow + "_error";
    private StartClient _client = null!;

    public async Task InitializeAsync()
    {
        await node.WipeAsync();
        _client = await StartClient.ConnectAsync();
        await _client.Channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
        await _client.Channel.QueuePurgeAsync(ErrorQueue);
    }

    [Theory]
    [InlineData("{\"definition\": \"order-fulfilment\", \"input\": {", "")]
    [InlineData("{\"workflowId\": \"order-42\", \"definition\": \"order-fulfilment\"}", "workflowId 'order-42' is not a UUID")]
    public async Task It_goes_to_the_error_queue_with_the_reason(string json, string expectedReason)
    {
        await _client.PublishRawAsync(json);

        var parked = await WaitForErrorMessageAsync();

        Assert.Equal(json, Encoding.UTF8.GetString(parked.Body.Span));
        var reason = Encoding.UTF8.GetString((byte[])parked.BasicProperties.Headers!["MT-Fault-Message"]!);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(expectedReason, reason);
    }

    // The node moves the message asynchronously; poll the error queue until a deadline.
    private async Task<RabbitMQ.Client.BasicGetResult> WaitForErrorMessageAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            if (await _client.Channel.BasicGetAsync(ErrorQueue, autoAck: true) is { } message)
            {
                return message;
            }
        }

        throw new Xunit.Sdk.XunitException($"nothing arrived in {ErrorQueue}");
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();
}
