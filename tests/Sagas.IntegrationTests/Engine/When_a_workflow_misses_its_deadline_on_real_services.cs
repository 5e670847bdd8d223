using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The vhost and database of the deadline test's node process.</summary>
public sealed class DeadlineServices() : OwnServices("sagas-test-deadline", "sagas_test_deadline");

/// <summary>
/// A deadline on a node process of its own (its own definitions, vhost and database): the run
/// stops when it passes, the step still running is awaited, and its late result does not
/// restart anything before the completed step is undone.
/// </summary>
public sealed class When_a_workflow_misses_its_deadline_on_real_services(DeadlineServices services) : IntegrationTest, IClassFixture<DeadlineServices>
{
    private const string Definition = """
        id: with-deadline
        version: 1
        deadline: 2s
        input:
          simulate: { type: object, required: false }
        steps:
          - id: reserve
            service: inventory
            input: { orderId: dl-1, simulate: $.input.simulate }
            compensate:
              service: inventory
              input: { reservationId: $.steps.reserve.output.reservationId }
          - id: screen
            service: fraud
            depends_on: [reserve]
            input: { simulate: $.input.simulate }
          - id: ship
            service: shipping
            depends_on: [screen]
        """;

    private readonly string _definitions = Directory.CreateTempSubdirectory("sagas-deadline-").FullName;

    protected override IIntegrationFixture Fixture => services;

    protected override Task ArrangeAsync() => File.WriteAllTextAsync(Path.Combine(_definitions, "with-deadline.yaml"), Definition);

    [Fact]
    public async Task The_run_stops_awaits_the_running_step_and_undoes_what_completed()
    {
        await using var node = await NodeProcess.StartAsync(services.Settings, new Dictionary<string, string> { ["Sagas:Definitions:Path"] = _definitions });
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        // The fraud check takes 5 s: longer than the whole run may.
        var id = await client.StartAsync("with-deadline", new() { ["simulate"] = new System.Text.Json.Nodes.JsonObject { ["fraud"] = "slow:5000" } });
        var events = await WaitForAsync(id, node);

        var exceeded = events.OfType<WorkflowDeadlineExceeded>().Single();
        Assert.Equal(TimeSpan.FromSeconds(2), exceeded.Deadline);
        Assert.Equal("the workflow did not end within its deadline of 2 s", events.OfType<WorkflowCompensated>().Single().Reason);
        // The screen's late result is recorded, the stock released after it, and ship never sent.
        var order = events.Select(e => e.GetType().Name).ToList();
        Assert.True(order.IndexOf(nameof(WorkflowDeadlineExceeded)) < order.LastIndexOf(nameof(StepCompleted)));
        Assert.True(order.LastIndexOf(nameof(StepCompleted)) < order.IndexOf(nameof(StepCompensated)));
        Assert.DoesNotContain(events.OfType<StepDispatched>(), e => e.StepId == "ship");
    }

    private Task<IReadOnlyList<object>> WaitForAsync(Guid id, NodeProcess node) =>
        Eventually.Until(() => services.EventsAsync(id), events => events.OfType<WorkflowCompensated>().Any() || events.OfType<WorkflowFailed>().Any(),
            TimeSpan.FromSeconds(30), $"workflow {id} to end", events => $"{EventNames.Of(events)}; the node said:{Environment.NewLine}{node.Output}");

    public override Task DisposeAsync()
    {
        Directory.Delete(_definitions, recursive: true);
        return Task.CompletedTask;
    }
}
