using Marten;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Recovery;

/// <summary>A node that sweeps often and calls a workflow stuck after a second still; its own vhost and database.</summary>
public sealed class SweeperNode : EngineNode
{
    public const string VirtualHost = "sagas-test-sweeper";

    public string ConnectionString { get; private set; } = string.Empty;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        ConnectionString = await TestDatabase.PrepareAsync("sagas_test_sweeper");
        var settings = await base.SettingsAsync();
        settings["Sagas:Orchestration:SweepInterval"] = "00:00:00.200";
        settings["Sagas:Orchestration:StuckAfter"] = "00:00:01";
        // Long enough that only the sweeper can have fired the retry.
        settings["Sagas:Orchestration:ServiceRetry:payment:Delay"] = "00:05:00";
        settings["Sagas:Orchestration:ServiceRetry:payment:MaxDelay"] = "00:10:00";
        settings["Sagas:Orchestration:ServiceRetry:payment:Jitter"] = "false";
        // Not the engine tests' one-second fraud timeout: on a slow machine it fires beside the
        // payment's retry (a second retry, a second action for the sweeper, or a failed check).
        settings["Sagas:Orchestration:ServiceTimeout:fraud"] = "00:01:00";
        settings["Sagas:RabbitMq:VirtualHost"] = VirtualHost;
        settings["Sagas:Postgres:ConnectionString"] = ConnectionString;
        return settings;
    }
}

public sealed class When_the_sweeper_finds_a_stuck_workflow(SweeperNode node) : IntegrationTest, IClassFixture<SweeperNode>
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync(SweeperNode.VirtualHost);

    [Fact]
    public async Task A_workflow_whose_retry_timer_was_lost_is_recovered_and_completes_while_one_waiting_on_its_timer_is_left_alone()
    {
        // Waits on its five-minute retry from before the stuck one went still: every sweep that
        // judged the stuck one judged this one too.
        var healthy = await _client.StartAsync("order-fulfilment", EngineNode.Order("sweep-0", simulate: new() { ["payment"] = "transient:1" }));
        await PaymentRetryOfAsync(healthy);
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("sweep-1", simulate: new() { ["payment"] = "transient:1" }));
        var retry = await PaymentRetryOfAsync(id);

        // The retry's timer row is lost (deleted by hand): nothing would ever move the workflow.
        // Only that row: the fraud check may still be out, and its timeout is not lost.
        await using (var session = node.Store.LightweightSession())
        {
            session.DeleteWhere<DurableTimer>(t => t.WorkflowId == id && t.MessageType.Contains(nameof(RetryStep)));
            await session.SaveChangesAsync();
        }

        var view = await node.FinishedAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Completed, view.Status);
        var events = await node.EventsAsync(id);
        var recovered = Assert.Single(events.OfType<WorkflowRecovered>());
        Assert.Equal("Running with no timer left and nothing recorded for 1 s or more", recovered.Reason);
        Assert.Equal([$"retry 'charge-payment' #{retry.NextAttempt} now: its timer is gone"], recovered.Actions);
        // The recovery, not the five-minute timer, sent the second attempt.
        var second = events.OfType<StepDispatched>().Single(d => d.StepId == "charge-payment" && d.Attempt == 2);
        Assert.True(second.DispatchedAt < retry.DueAt);
        Assert.Single(events.OfType<WorkflowCompleted>());
        Assert.Empty((await node.EventsAsync(healthy)).OfType<WorkflowRecovered>());
    }

    [Fact]
    public async Task Only_one_node_holds_a_job_and_another_takes_it_when_the_holder_goes()
    {
        var job = $"test-{Guid.NewGuid():N}";
        await using var first = new JobOwnership(node.ConnectionString, job);
        Assert.True(await first.HoldAsync(CancellationToken.None));
        Assert.True(await first.HoldAsync(CancellationToken.None));

        await using var second = new JobOwnership(node.ConnectionString, job);
        Assert.False(await second.HoldAsync(CancellationToken.None));

        // The holder's session ends (its process died): the lock goes with it.
        await first.DisposeAsync();
        Assert.True(await second.HoldAsync(CancellationToken.None));

        // A holder that keeps failing gives the job up, and the other node takes it back.
        await using var third = new JobOwnership(node.ConnectionString, job);
        Assert.False(await third.HoldAsync(CancellationToken.None));
        await second.ReleaseAsync();
        Assert.True(await third.HoldAsync(CancellationToken.None));
    }

    private static StepRetryScheduled? PaymentRetry(IReadOnlyList<object> events) =>
        events.OfType<StepRetryScheduled>().FirstOrDefault(r => r.StepId == "charge-payment");

    private async Task<StepRetryScheduled> PaymentRetryOfAsync(Guid id) =>
        PaymentRetry(await Eventually.Until(() => node.EventsAsync(id), events => PaymentRetry(events) is not null, TimeSpan.FromSeconds(30),
            $"workflow {id} to schedule the payment's retry", EventNames.Of))!;

    public override Task DisposeAsync() => _client.DisposeAsync().AsTask();
}
