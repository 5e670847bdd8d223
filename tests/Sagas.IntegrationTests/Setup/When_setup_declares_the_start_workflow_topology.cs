using System.Text;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Contracts;

namespace Sagas.IntegrationTests.Setup;

/// <summary>A vhost of its own: the wipe deletes the exchange and queue a running node relies on.</summary>
public sealed class SetupVirtualHost() : OwnServices(When_setup_declares_the_start_workflow_topology.VirtualHost, null);

/// <summary>
/// `sagas setup` on a real broker: afterwards a start published to the exchange, before any
/// node runs, waits in the queue.
/// </summary>
public sealed class When_setup_declares_the_start_workflow_topology(SetupVirtualHost vhost) : IntegrationTest, IClassFixture<SetupVirtualHost>
{
    public const string VirtualHost = "sagas-test-setup";

    private IConnection _connection = null!;
    private IChannel _channel = null!;

    protected override IIntegrationFixture Fixture => vhost;

    protected override async Task ArrangeAsync()
    {
        _connection = await TestBroker.ConnectAsync(VirtualHost);
        // With confirms tracked, a publish returns once the broker has routed and stored the
        // message (and throws if a mandatory one had no queue), so no test waits or polls.
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
    }

    [Fact]
    public async Task A_start_published_before_any_node_runs_waits_in_the_queue()
    {
        Assert.Equal(ExitCodes.Success, await RunSetup());

        var body = Encoding.UTF8.GetBytes("""{"definition":"order-fulfilment","input":{"orderId":"o-1","amount":10}}""");
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        await _channel.BasicPublishAsync(BrokerNames.StartWorkflow, routingKey: string.Empty, mandatory: true, properties, body);

        var waiting = await _channel.BasicGetAsync(BrokerNames.StartWorkflow, autoAck: true);
        Assert.NotNull(waiting);
        Assert.Equal(body, waiting.Body.ToArray());
    }

    [Fact]
    public async Task Declares_a_durable_fanout_exchange_and_a_durable_queue_for_starts_and_for_signals()
    {
        Assert.Equal(ExitCodes.Success, await RunSetup());

        // Redeclaring with other properties fails on a real broker, so these pass only if the
        // exchange and queue exist with exactly these.
        foreach (var name in new[] { BrokerNames.StartWorkflow, BrokerNames.WorkflowSignal })
        {
            await _channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false);
            var queue = await _channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
            Assert.Equal(0u, queue.MessageCount);
        }
    }

    [Fact]
    public async Task Running_it_twice_keeps_what_is_waiting()
    {
        Assert.Equal(ExitCodes.Success, await RunSetup());
        await _channel.BasicPublishAsync(BrokerNames.StartWorkflow, string.Empty, mandatory: true, Encoding.UTF8.GetBytes("{}"));

        Assert.Equal(ExitCodes.Success, await RunSetup());

        var queue = await _channel.QueueDeclarePassiveAsync(BrokerNames.StartWorkflow);
        Assert.Equal(1u, queue.MessageCount);
    }

    [Fact]
    public async Task Without_setup_the_exchange_does_not_exist()
    {
        // The control for the tests above: the wipe really removed the exchange.
        var missing = await Assert.ThrowsAsync<OperationInterruptedException>(
            () => _channel.ExchangeDeclarePassiveAsync(BrokerNames.StartWorkflow));
        Assert.Equal(404, missing.ShutdownReason!.ReplyCode);
    }

    private static async Task<int> RunSetup()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:RabbitMq:VirtualHost"] = VirtualHost })
            .Build();
        var exitCode = await SagasCli.RunAsync(["setup"], output, error, configuration);
        Assert.Equal(string.Empty, error.ToString());
        return exitCode;
    }

    public override async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
