using System.Text;
using RabbitMQ.Client;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

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

public sealed class When_a_node_dies_between_commit_and_send(RelayOnlyNode node) : IClassFixture<RelayOnlyNode>, IAsyncLifetime
{
    private StartClient _client = null!;

    public async Task InitializeAsync()
    {
        await node.WipeAsync();
        _client = await StartClient.ConnectAsync(RelayOnlyNode.VirtualHost);
    }

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
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            if (await _client.Channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                return Encoding.UTF8.GetString(message.Body.Span);
            }
        }

        throw new Xunit.Sdk.XunitException($"nothing arrived on {queue}");
    }

    public Task DisposeAsync() => _client.DisposeAsync().AsTask();
}
