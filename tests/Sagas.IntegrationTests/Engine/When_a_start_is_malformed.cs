using System.Text;
using Sagas.Contracts;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

[Collection(EngineCollection.Name)]
public sealed class When_a_start_is_malformed(EngineNode node) : IntegrationTest
{
    private const string ErrorQueue = BrokerNames.StartWorkflow + "_error";
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    // The wipe emptied the error queue; declared as MassTransit declares it, in case no start has faulted yet.
    protected override async Task ArrangeAsync()
    {
        _client = await StartClient.ConnectAsync();
        await _client.Channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
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

    // The node moves the message asynchronously.
    private async Task<RabbitMQ.Client.BasicGetResult> WaitForErrorMessageAsync() =>
        (await Eventually.Until(() => _client.Channel.BasicGetAsync(ErrorQueue, autoAck: true), message => message is not null,
            TimeSpan.FromSeconds(30), $"a message in {ErrorQueue}"))!;

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
