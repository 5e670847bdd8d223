using Marten;
using Sagas.Cli.Settings;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Outbox;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// A retry timer armed while a node runs survives the death (SIGKILL) of every node: it waits in
/// PostgreSQL and fires once a node is back. A vhost and database of its own, so no other test's
/// node can relay the timer in between.
/// </summary>
public sealed class When_every_node_is_killed_while_a_timer_waits : IAsyncLifetime
{
    private const string VirtualHost = "sagas-test-restart";
    private const string Database = "sagas_test_restart";

    // Long enough for the node to be killed before the retry is due.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Sagas:Orchestration:ServiceRetry:payment:Delay"] = "00:00:02",
        ["Sagas:Orchestration:ServiceRetry:payment:Jitter"] = "false",
    };

    private SagasSettings _services = null!;
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        _services = await TestServices.SettingsAsync();
        _services.RabbitMq.VirtualHost = VirtualHost;
        _services.Postgres.ConnectionString = await TestDatabase.PrepareAsync(Database);
        _store = DocumentStore.For(options => WorkflowStore.Configure(options, _services.Postgres.ConnectionString));
    }

    [Fact]
    public async Task The_timer_fires_after_a_node_starts_again_and_the_workflow_completes()
    {
        StepRetryScheduled retry;
        Guid id;
        await using (var first = await NodeProcess.StartAsync(_services, Settings))
        {
            await using var client = await StartClient.ConnectAsync(VirtualHost);
            id = await client.StartAsync("order-fulfilment", EngineNode.Order("restart-1", simulate: new() { ["payment"] = "transient:1" }));
            retry = await WaitForAsync(id, events => events.OfType<StepRetryScheduled>().FirstOrDefault(), first);
            await first.KillAsync();
        }

        // The retry's row is still there with no node running (the fraud check's timeout may be too,
        // if the node died before its result was recorded).
        await using (var session = _store.QuerySession())
        {
            var waiting = await session.Query<DurableTimer>().ToListAsync();
            Assert.Single(waiting, t => t.MessageType.Contains(nameof(Sagas.Contracts.Commands.RetryStep), StringComparison.Ordinal));
        }

        await using var second = await NodeProcess.StartAsync(_services, Settings);
        var events = await WaitForAsync(id, events => events.OfType<WorkflowCompleted>().Any() ? events : null, second);

        var retried = events.OfType<StepDispatched>().Single(e => e.StepId == "charge-payment" && e.Attempt == 2);
        Assert.True(retried.DispatchedAt >= retry.DueAt, $"attempt 2 went out at {retried.DispatchedAt:O}, before its timer was due at {retry.DueAt:O}");
    }

    private async Task<T> WaitForAsync<T>(Guid id, Func<IReadOnlyList<object>, T?> find, NodeProcess node)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            await using var session = _store.QuerySession();
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            if (find(events) is { } found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"workflow {id} never got there in 30 s; the node said:{Environment.NewLine}{node.Output}");
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();
}
