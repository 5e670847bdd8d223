using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

[Collection(EngineCollection.Name)]
public sealed class When_the_sample_workflow_runs_on_real_services(EngineNode node) : IntegrationTest
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync();

    [Fact]
    public async Task Completes_with_outputs_flowing_from_step_to_step()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("o-100", 25));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Completed, view.Status);
        Assert.Equal("""{"orderId":"o-100","paymentId":"pay-o-100","trackingNumber":"trk-o-100"}""", view.Output!.ToJsonString());
        var events = await node.EventsAsync(id);
        var charge = events.OfType<StepDispatched>().Single(e => e.StepId == "charge-payment");
        Assert.Equal("res-o-100", charge.Input["reservationId"]!.GetValue<string>());
        Assert.Equal(5, events.OfType<StepCompleted>().Count());
        Assert.Equal(["reserve-inventory", "charge-payment", "check-fraud", "ship", "notify"], view.Steps.Select(s => s.StepId));
        Assert.All(view.Steps, s => Assert.Equal(("Completed", 1), (s.Outcome, s.Attempt)));
        Assert.All(view.Steps, s => Assert.True(s.EndedAt >= s.DispatchedAt));
    }

    [Fact]
    public async Task A_permanent_failure_compensates_the_completed_steps_with_the_reason_in_the_history()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("o-101", simulate: new JsonObject { ["payment"] = "fail" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Compensated, view.Status);
        Assert.Equal("charge-payment", view.FailedStep);
        Assert.Equal(["reserve-inventory"], view.CompensatedSteps);
        var events = await node.EventsAsync(id);
        Assert.Equal("simulated failure of payment", events.OfType<StepFailed>().Single().Reason);
        Assert.Empty(events.OfType<StepRetryScheduled>());
        Assert.Equal("step 'charge-payment' failed (not retryable): simulated failure of payment", events.OfType<CompensationStarted>().Single().Reason);
        Assert.Equal("res-o-101", events.OfType<StepCompensated>().Single().Output!["released"]!.GetValue<string>());
        Assert.Equal(["reserve-inventory"], events.OfType<WorkflowCompensated>().Single().CompensatedSteps);
        Assert.DoesNotContain(events.OfType<StepDispatched>(), e => e.StepId == "ship");
    }

    [Fact]
    public async Task A_handler_that_keeps_throwing_fails_its_step_after_its_retries_and_the_steps_before_it_are_undone_in_reverse()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("o-102", simulate: new JsonObject { ["shipping"] = "throw" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal(("ship", WorkflowStatus.Compensated), (view.FailedStep, view.Status));
        Assert.Contains("(attempt 3 of 3): InvalidOperationException: simulated crash in shipping", view.Error);
        var events = await node.EventsAsync(id);
        Assert.Equal([1, 2, 3], events.OfType<StepDispatched>().Where(e => e.StepId == "ship").Select(e => e.Attempt));
        Assert.Equal([2, 3], events.OfType<StepRetryScheduled>().Select(e => e.NextAttempt));
        // The payment is refunded before the stock it was charged against is released.
        Assert.Equal(["charge-payment", "reserve-inventory"], events.OfType<StepCompensated>().Select(e => e.StepId));
        Assert.Equal("pay-o-102", events.OfType<StepCompensated>().First().Output!["refunded"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_a_durable_timer_and_the_workflow_completes()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("o-104", simulate: new JsonObject { ["payment"] = "transient:2" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Completed, view.Status);
        var events = await node.EventsAsync(id);
        var retries = events.OfType<StepRetryScheduled>().ToList();
        Assert.Equal([("charge-payment", 1, 2), ("charge-payment", 2, 3)], retries.Select(r => (r.StepId, r.Attempt, r.NextAttempt)));
        Assert.All(retries, r => Assert.InRange(r.Delay, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)));
        // Each retry went out only once its timer was due.
        var dispatches = events.OfType<StepDispatched>().Where(e => e.StepId == "charge-payment").ToList();
        Assert.Equal([1, 2, 3], dispatches.Select(d => d.Attempt));
        Assert.All(retries, r => Assert.True(dispatches.Single(d => d.Attempt == r.NextAttempt).DispatchedAt >= r.DueAt));
        Assert.Equal(0, await node.TimersDrainedAsync());
    }

    [Fact]
    public async Task A_duplicate_start_is_a_no_op()
    {
        var id = Guid.NewGuid();
        await _client.StartAsync("order-fulfilment", EngineNode.Order("o-103"), id);
        await _client.StartAsync("order-fulfilment", EngineNode.Order("o-103-again"), id);

        var view = await node.FinishedAsync(id);
        await _client.StartAsync("order-fulfilment", EngineNode.Order("o-103-after"), id);
        var afterwards = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Completed, afterwards.Status);
        Assert.Equal(view.Output!.ToJsonString(), afterwards.Output!.ToJsonString());
        var events = await node.EventsAsync(id);
        // The two starts race; exactly one of them takes effect, and nothing after the end does.
        Assert.Contains(events.OfType<WorkflowStarted>().Single().Input["orderId"]!.GetValue<string>(), new[] { "o-103", "o-103-again" });
        Assert.Single(events.OfType<WorkflowCompleted>());
    }

    [Fact]
    public async Task An_unknown_definition_is_rejected_and_recorded()
    {
        var id = await _client.StartAsync("no-such-workflow", []);

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Rejected, view.Status);
        Assert.StartsWith("no definition 'no-such-workflow' is loaded", view.Error);
        Assert.IsType<WorkflowRejected>(Assert.Single(await node.EventsAsync(id)));
    }

    [Fact]
    public async Task The_state_rebuilt_from_the_stream_alone_equals_the_live_state()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("o-104"));
        await node.FinishedAsync(id);

        await using var session = node.Store.QuerySession();
        var live = await session.LoadAsync<WorkflowState>(id);
        var rebuilt = WorkflowReplay.Rebuild(await node.EventsAsync(id));

        Assert.NotNull(live);
        Assert.Equal(nameof(WorkflowStatus.Completed), live.CurrentState);
        Assert.Equal(WorkflowReplay.Fingerprint(live), WorkflowReplay.Fingerprint(rebuilt));
    }

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
