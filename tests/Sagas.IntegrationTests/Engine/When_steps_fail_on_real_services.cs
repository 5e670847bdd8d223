using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

/// <summary>Timeouts, a compensation that fails for good, and an operator's retry, on the real broker and database.</summary>
[Collection(EngineCollection.Name)]
public sealed class When_steps_fail_on_real_services(EngineNode node) : IntegrationTest
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync();

    [Fact]
    public async Task A_service_that_never_answers_times_out_on_each_attempt_and_the_workflow_compensates()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("t-1", simulate: new JsonObject { ["fraud"] = "hang" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal((WorkflowStatus.Compensated, "check-fraud"), (view.Status, view.FailedStep));
        var events = await node.EventsAsync(id);
        var timeouts = events.OfType<StepTimedOut>().ToList();
        Assert.Equal([1, 2], timeouts.Select(t => t.Attempt));
        Assert.All(timeouts, t => Assert.Equal(EngineNode.FraudTimeout, t.Timeout));
        Assert.Equal(["charge-payment", "reserve-inventory"], view.CompensatedSteps);
    }

    [Fact]
    public async Task A_compensation_that_fails_for_good_leaves_the_workflow_needing_attention_with_the_reason()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("t-2",
            simulate: new JsonObject { ["shipping"] = "permanent", ["payment-compensation"] = "permanent" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.NeedsAttention, view.Status);
        Assert.Equal("the compensation of step 'charge-payment' failed (not retryable): simulated failure of payment-compensation", view.Error);
        var events = await node.EventsAsync(id);
        Assert.Single(events.OfType<WorkflowNeedsAttention>());
        // The stock stays reserved until the refund is sorted out: it is undone only after the payment.
        Assert.DoesNotContain(events.OfType<CompensationDispatched>(), c => c.StepId == "reserve-inventory");
    }

    [Fact]
    public async Task A_failed_workflow_carries_on_to_completion_after_an_operator_retry()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("t-3", simulate: new JsonObject { ["inventory"] = "transient:3" }));
        var failed = await node.FinishedAsync(id);
        Assert.Equal((WorkflowStatus.Failed, "reserve-inventory"), (failed.Status, failed.FailedStep));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(["retry", id.ToString(), "--wait", "--json"], output, error, await TestServices.ConfigurationAsync());

        Assert.True(exitCode == ExitCodes.Success, error.ToString());
        using var report = JsonDocument.Parse(output.ToString());
        Assert.Equal("Completed", report.RootElement.GetProperty("status").GetString());
        var events = await node.EventsAsync(id);
        Assert.Equal("reserve-inventory", events.OfType<StepRetryRequested>().Single().StepId);
        Assert.Equal([1, 2, 3, 4], events.OfType<StepDispatched>().Where(e => e.StepId == "reserve-inventory").Select(e => e.Attempt));
    }

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
