using System.Text.Json.Nodes;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Policies;

/// <summary>A node of its own: its payment circuit must start closed.</summary>
public sealed class CircuitNode : PolicyNode
{
    protected override string VirtualHost => "sagas-test-circuit";

    protected override string Database => "sagas_test_circuit";
}

/// <summary>The payment circuit opens on failures, sends charges to the backup, half-opens after its break, and a probe closes it.</summary>
public sealed class When_a_circuit_opens_on_real_services(CircuitNode node) : IntegrationTest, IClassFixture<CircuitNode>
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync("sagas-test-circuit");

    [Fact]
    public async Task It_opens_reroutes_probes_and_closes()
    {
        // Payment fails every attempt: two runs of two attempts give four failures of four calls.
        var opener = Guid.Empty;
        for (var i = 0; i < 4 && opener == Guid.Empty; i++)
        {
            var id = await _client.StartAsync("order-fulfilment", EngineNode.Order($"c-{i}", simulate: new JsonObject { ["payment"] = "transient:9" }));
            Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
            if ((await node.EventsAsync(id)).OfType<CircuitOpened>().Any())
            {
                opener = id;
            }
        }

        var opened = Assert.Single((await node.EventsAsync(opener)).OfType<CircuitOpened>());
        Assert.Equal(("payment", 4, 4), (opened.Service, opened.Failures, opened.Calls));

        // While it is open, a healthy order's charge goes straight to the backup, saying why.
        var during = await _client.StartAsync("order-fulfilment", EngineNode.Order("c-open"));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(during)).Status);
        var rerouted = Assert.Single((await node.EventsAsync(during)).OfType<StepRerouted>());
        Assert.StartsWith("the circuit of 'payment' is open until", rerouted.Reason);

        await WhenHalfOpenAsync();
        var probe = await _client.StartAsync("order-fulfilment", EngineNode.Order("c-probe"));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(probe)).Status);
        var events = await node.EventsAsync(probe);
        Assert.True(events.OfType<StepDispatched>().Single(e => e.StepId == "charge-payment").Probe);
        Assert.Single(events.OfType<CircuitClosed>());
        Assert.Equal(CircuitState.Closed, node.CircuitOf("payment"));
    }

    // The break is 2 s; the circuit's own clock decides when it ends.
    private Task WhenHalfOpenAsync() =>
        Eventually.Until(() => Task.FromResult(node.CircuitOf("payment")), state => state == CircuitState.HalfOpen, TimeSpan.FromSeconds(10),
            "the payment circuit to half-open");

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
