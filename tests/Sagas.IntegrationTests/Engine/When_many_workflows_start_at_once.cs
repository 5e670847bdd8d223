using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

[Collection(EngineCollection.Name)]
public sealed class When_many_workflows_start_at_once(EngineNode node) : IntegrationTest
{
    private const int Count = 200;
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync();

    [Fact]
    public async Task All_complete_and_each_stream_holds_exactly_its_own_events()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Count; i++)
        {
            ids.Add(await _client.StartAsync("order-fulfilment", EngineNode.Order($"bulk-{i}")));
        }

        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id, TimeSpan.FromMinutes(2))).Status);
        }

        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            var events = await node.EventsAsync(id);
            Assert.All(events, e => Assert.Equal(id, WorkflowIdOf(e)));
            Assert.Single(events.OfType<WorkflowStarted>());
            // On a loaded machine an attempt may outlast the node's 1 s fraud timeout and be tried again: one more dispatch each.
            Assert.Equal(5 + events.OfType<StepRetryScheduled>().Count(), events.OfType<StepDispatched>().Count());
            Assert.Equal(5, events.OfType<StepCompleted>().Count());
            Assert.Equal(["reserve-lines", "gift-wrap", "manual-review"], events.OfType<StepSkipped>().Select(s => s.StepId));
            Assert.Equal(("charge-payment", "default"), events.OfType<BranchChosen>().Select(b => (b.StepId, b.Case)).Single());
            Assert.Equal($"trk-bulk-{index}", events.OfType<WorkflowCompleted>().Single().Output!["trackingNumber"]!.GetValue<string>());
        }
    }

    private static Guid WorkflowIdOf(object @event) => @event switch
    {
        WorkflowStarted e => e.WorkflowId,
        StepDispatched e => e.WorkflowId,
        StepCompleted e => e.WorkflowId,
        WorkflowCompleted e => e.WorkflowId,
        StepSkipped e => e.WorkflowId, // the sample's line reservations, gift-wrap and manual review, which no order here needs
        BranchChosen e => e.WorkflowId, // the sample's payment provider, by region
        StepTimedOut e => e.WorkflowId,
        StepRetryScheduled e => e.WorkflowId,
        _ => throw new Xunit.Sdk.XunitException($"unexpected event {@event.GetType().Name}"),
    };

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
