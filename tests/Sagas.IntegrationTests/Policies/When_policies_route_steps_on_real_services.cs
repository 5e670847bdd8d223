using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Policies;

/// <summary>Failover, weighted balancing over three queues, and a blocked step resumed by the CLI, on the real broker and database.</summary>
public sealed class When_policies_route_steps_on_real_services(PolicyNode node) : IntegrationTest, IClassFixture<PolicyNode>
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync("sagas-test-policies");

    [Fact]
    public async Task A_payment_provider_that_keeps_failing_is_replaced_by_the_backup_and_the_order_completes()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("f-1", simulate: new JsonObject { ["payment"] = "transient:9" }));

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Completed, view.Status);
        Assert.StartsWith("bpay-", view.Output!["paymentId"]!.GetValue<string>());
        var events = await node.EventsAsync(id);
        var rerouted = Assert.Single(events.OfType<StepRerouted>());
        Assert.Equal(("charge-payment", "payment", "payment-backup"), (rerouted.StepId, rerouted.From, rerouted.To));
        Assert.Equal("payment-backup", events.OfType<StepDispatched>().Last(e => e.StepId == "charge-payment").Service);
    }

    [Fact]
    public async Task Weighted_balancing_spreads_steps_over_the_endpoint_queues_by_weight()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await _client.StartAsync("one-noop", []));
        }

        var endpoints = new List<string>();
        foreach (var id in ids)
        {
            Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
            endpoints.Add((await node.EventsAsync(id)).OfType<StepDispatched>().Single().Endpoint!);
        }

        // Weights 3, 2 and 1 over 30 steps, each consumed from its own queue by the worker.
        Assert.Equal(15, endpoints.Count(e => e == "noop-a"));
        Assert.Equal(10, endpoints.Count(e => e == "noop-b"));
        Assert.Equal(5, endpoints.Count(e => e == "noop-c"));
    }

    [Fact]
    public async Task A_step_blocked_on_a_missing_output_waits_for_an_operator_whose_retry_of_the_upstream_step_resumes_it()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("b-1", simulate: new JsonObject { ["inventory"] = "incomplete:1" }));
        var blocked = await node.FinishedAsync(id);
        Assert.Equal(WorkflowStatus.NeedsAttention, blocked.Status);
        var block = Assert.Single((await node.EventsAsync(id)).OfType<StepBlocked>());
        Assert.Equal(("charge-payment", StepBlocked.NeedsAttention), (block.StepId, block.Policy));
        Assert.Contains("reservationId", block.MissingReference);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(["retry", id.ToString(), "--step", "reserve-inventory", "--wait", "--json"], output, error, node.Configuration);

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}: {error}{output}");
        using var report = JsonDocument.Parse(output.ToString());
        Assert.Equal("Completed", report.RootElement.GetProperty("status").GetString());
        var events = await node.EventsAsync(id);
        Assert.Equal([1, 2], events.OfType<StepDispatched>().Where(e => e.StepId == "reserve-inventory").Select(e => e.Attempt));
    }

    [Fact]
    public async Task A_failover_to_a_service_that_does_not_exist_is_recorded_as_a_violation_and_reverted_and_the_node_carries_on()
    {
        var id = await _client.StartAsync("typo-failover", new() { ["simulate"] = new JsonObject { ["payment"] = "transient:9" } });

        var view = await node.FinishedAsync(id);

        Assert.Equal(WorkflowStatus.Failed, view.Status);
        var events = await node.EventsAsync(id);
        var violated = Assert.Single(events.OfType<PolicyViolated>());
        Assert.Equal("failover", violated.Policy);
        Assert.Contains("'payment-bakup'", violated.Reason);
        Assert.Equal("no failover for this step", Assert.Single(events.OfType<PolicyReverted>()).RevertedTo);
        Assert.Empty(events.OfType<StepRerouted>());

        var next = await _client.StartAsync("one-noop", []);
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(next)).Status);
    }

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
