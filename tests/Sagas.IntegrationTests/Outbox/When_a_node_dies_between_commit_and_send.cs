using System.Text;
using RabbitMQ.Client;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Outbox;

/// <summary>
/// A node that never sends what it commits: every command and event waits out its outbox lease
/// and leaves through the timer relay, exactly as when the committing node is killed between its
/// commit and its sends. Its own vhost and database, so no other node relays its rows.
/// </summary>
public sealed class RelayOnlyNode : EngineNode
{
    public const string VirtualHost = "sagas-test-outbox";

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        var settings = await base.SettingsAsync();
        settings["Sagas:Orchestration:DispatchOutboxAfterCommit"] = "false";
        settings["Sagas:Orchestration:OutboxLease"] = "00:00:00.300";
        settings["Sagas:RabbitMq:VirtualHost"] = VirtualHost;
        settings["Sagas:Postgres:ConnectionString"] = await TestDatabase.PrepareAsync("sagas_test_outbox");
        return settings;
    }
}

public sealed class When_a_node_dies_between_commit_and_send(RelayOnlyNode node) : IntegrationTest, IClassFixture<RelayOnlyNode>
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync(RelayOnlyNode.VirtualHost);

    [Fact]
    public async Task Every_committed_command_and_outcome_still_leaves_and_the_workflow_completes()
    {
        var outcomes = await ListenForAsync(nameof(WorkflowCompleted));
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("outbox-1", amount: 12));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Completed, view.Status);
        var events = await node.EventsAsync(id);
        // Each step went out once, after its lease, through the relay alone.
        var dispatched = events.OfType<StepDispatched>().ToList();
        Assert.Equal(dispatched.Count, dispatched.Select(d => d.StepId).Distinct().Count());
        Assert.Equal(dispatched.Count, events.OfType<StepCompleted>().Count());
        // The outcome was published through the relay too, and no row is left behind.
        Assert.Contains(id.ToString(), await NextMessageAsync(outcomes), StringComparison.Ordinal);
        Assert.Equal(0, await node.TimersDrainedAsync());
    }

    // A queue of the test's own on the event's exchange, declared as MassTransit declares it.
    private async Task<string> ListenForAsync(string eventName)
    {
        var exchange = $"Sagas.Contracts.Events:{eventName}";
        await _client.Channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = await _client.Channel.QueueDeclareAsync(exclusive: true);
        await _client.Channel.QueueBindAsync(queue.QueueName, exchange, string.Empty);
        return queue.QueueName;
    }

    private async Task<string> NextMessageAsync(string queue)
    {
        var message = await Eventually.Until(() => _client.Channel.BasicGetAsync(queue, autoAck: true), message => message is not null,
            TimeSpan.FromSeconds(15), $"a message on {queue}");
        return Encoding.UTF8.GetString(message!.Body.Span);
    }

    public override Task DisposeAsync() => _client.DisposeAsync().AsTask();
}
