using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The vhost and database of the child workflow test's own node processes.</summary>
public sealed class ChildServices() : OwnServices("sagas-test-child", "sagas_test_child");

/// <summary>
/// A child workflow on real services outlives the orchestrator that started it: that orchestrator
/// is killed (SIGKILL) while the child's step runs on a worker of its own; another orchestrator
/// takes the child's result, ends the child, and the parent goes on with the child's output.
/// </summary>
public sealed class When_a_parents_orchestrator_dies_while_its_child_runs(ChildServices services) : IntegrationTest, IClassFixture<ChildServices>
{
    private const string Packing = """
        id: packing
        version: 1
        input:
          orderId: string
          simulate: { type: object, required: false }
        steps:
          - id: pack
            service: shipping
            input: { orderId: $.input.orderId, simulate: $.input.simulate }
        output:
          parcel: $.steps.pack.output.trackingNumber
        """;

    private const string Order = """
        id: with-child
        version: 1
        input:
          orderId: string
          simulate: { type: object, required: false }
        steps:
          - id: pack
            workflow: packing
            input: { orderId: $.input.orderId, simulate: $.input.simulate }
            timeout: 1m
          - id: notify
            service: notification
            depends_on: [pack]
            input: { orderId: $.input.orderId, trackingNumber: $.steps.pack.output.parcel }
        """;

    private readonly string _definitions = Directory.CreateTempSubdirectory("sagas-child-").FullName;

    protected override IIntegrationFixture Fixture => services;

    protected override async Task ArrangeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_definitions, "packing.yaml"), Packing);
        await File.WriteAllTextAsync(Path.Combine(_definitions, "with-child.yaml"), Order);
    }

    [Fact]
    public async Task Another_orchestrator_ends_the_child_and_the_parent_goes_on_with_its_output()
    {
        var settings = new Dictionary<string, string> { ["Sagas:Definitions:Path"] = _definitions };
        await using var worker = await NodeProcess.StartAsync(services.Settings, settings, "--worker", "shipping,notification");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        Guid parent;
        Guid child;
        await using (var first = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator"))
        {
            // The packing takes 3 s: long enough to kill the orchestrator while it runs.
            parent = await client.StartAsync("with-child", new JsonObject { ["orderId"] = "child-1", ["simulate"] = new JsonObject { ["shipping"] = "slow:3000" } });
            child = ChildIds.Of(parent, "pack", 1, 1);
            await Eventually.Until(() => services.EventsAsync(child), events => events.OfType<StepDispatched>().Any(), TimeSpan.FromSeconds(30),
                $"child {child} to dispatch its step", events => $"{EventNames.Of(events)}; the node said:{Environment.NewLine}{first.Output}");
            await first.KillAsync();
        }

        await using var second = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        var events = await Eventually.Until(() => services.EventsAsync(parent), e => e.OfType<WorkflowCompleted>().Any(), TimeSpan.FromSeconds(60),
            $"parent {parent} to complete", e => $"{EventNames.Of(e)}; the node said:{Environment.NewLine}{second.Output}");

        Assert.Equal("trk-child-1", events.OfType<StepDispatched>().Single(d => d.StepId == "notify").Input["trackingNumber"]!.GetValue<string>());
        var childEvents = await services.EventsAsync(child);
        Assert.Equal(parent, childEvents.OfType<WorkflowStarted>().Single().Parent!.WorkflowId);
        Assert.Single(childEvents.OfType<WorkflowCompleted>());
        Assert.Single(events.OfType<StepDispatched>(), d => d.StepId == "pack");
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_definitions, recursive: true);
        return Task.CompletedTask;
    }
}
