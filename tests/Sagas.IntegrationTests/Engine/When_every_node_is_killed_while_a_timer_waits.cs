using Marten;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>A vhost and database of the restart test's own, so no other test's node can relay its timer in between.</summary>
public sealed class RestartServices() : OwnServices("sagas-test-restart", "sagas_test_restart");

/// <summary>
/// A retry timer armed while a node runs survives the death (SIGKILL) of every node: it waits in
/// PostgreSQL and fires once a node is back.
/// </summary>
public sealed class When_every_node_is_killed_while_a_timer_waits(RestartServices services) : IntegrationTest, IClassFixture<RestartServices>
{
    // Long enough for the node to be killed before the retry is due.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Sagas:Orchestration:ServiceRetry:payment:Delay"] = "00:00:02",
        ["Sagas:Orchestration:ServiceRetry:payment:Jitter"] = "false",
    };

    protected override IIntegrationFixture Fixture => services;

    [Fact]
    public async Task The_timer_fires_after_a_node_starts_again_and_the_workflow_completes()
    {
        StepRetryScheduled retry;
        Guid id;
        await using (var first = await NodeProcess.StartAsync(services.Settings, Settings))
        {
            await using var client = await StartClient.ConnectAsync(services.VirtualHost);
            id = await client.StartAsync("order-fulfilment", EngineNode.Order("restart-1", simulate: new() { ["payment"] = "transient:1" }));
            retry = await WaitForAsync(id, events => events.OfType<StepRetryScheduled>().FirstOrDefault(), first);
            await first.KillAsync();
        }

        // The retry's row is still there with no node running (the fraud check's timeout may be too,
        // if the node died before its result was recorded).
        await using (var session = services.Store.QuerySession())
        {
            var waiting = await session.Query<DurableTimer>().ToListAsync();
            Assert.Single(waiting, t => t.MessageType.Contains(nameof(Sagas.Contracts.Commands.RetryStep), StringComparison.Ordinal));
        }

        await using var second = await NodeProcess.StartAsync(services.Settings, Settings);
        var events = await WaitForAsync(id, events => events.OfType<WorkflowCompleted>().Any() ? events : null, second);

        var retried = events.OfType<StepDispatched>().Single(e => e.StepId == "charge-payment" && e.Attempt == 2);
        Assert.True(retried.DispatchedAt >= retry.DueAt, $"attempt 2 went out at {retried.DispatchedAt:O}, before its timer was due at {retry.DueAt:O}");
    }

    private async Task<T> WaitForAsync<T>(Guid id, Func<IReadOnlyList<object>, T?> find, NodeProcess node)
        where T : class =>
        find(await Eventually.Until(() => services.EventsAsync(id), events => find(events) is not null, TimeSpan.FromSeconds(30),
            $"workflow {id} to get there", events => $"{EventNames.Of(events)}; the node said:{Environment.NewLine}{node.Output}"))!;
}
