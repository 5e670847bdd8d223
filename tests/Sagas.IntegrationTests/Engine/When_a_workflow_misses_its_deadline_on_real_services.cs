using Marten;
using Sagas.Cli.Settings;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// A deadline on a node process of its own (its own definitions, vhost and database): the run
/// stops when it passes, the step still running is awaited, and its late result does not
/// restart anything before the completed step is undone.
/// </summary>
public sealed class When_a_workflow_misses_its_deadline_on_real_services : IAsyncLifetime
{
    private const string VirtualHost = "sagas-test-deadline";

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
    private SagasSettings _services = null!;
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_definitions, "with-deadline.yaml"), Definition);
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        _services = await TestServices.SettingsAsync();
        _services.RabbitMq.VirtualHost = VirtualHost;
        _services.Postgres.ConnectionString = await TestDatabase.PrepareAsync("sagas_test_deadline");
        _store = DocumentStore.For(options => WorkflowStore.Configure(options, _services.Postgres.ConnectionString));
    }

    [Fact]
    public async Task The_run_stops_awaits_the_running_step_and_undoes_what_completed()
    {
        await using var node = await NodeProcess.StartAsync(_services, new Dictionary<string, string> { ["Sagas:Definitions:Path"] = _definitions });
        await using var client = await StartClient.ConnectAsync(VirtualHost);

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

    private async Task<IReadOnlyList<object>> WaitForAsync(Guid id, NodeProcess node)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            await using var session = _store.QuerySession();
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            if (events.OfType<WorkflowCompensated>().Any() || events.OfType<WorkflowFailed>().Any())
            {
                return events;
            }
        }

        throw new Xunit.Sdk.XunitException($"workflow {id} did not end in 30 s; the node said:{Environment.NewLine}{node.Output}");
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_definitions, recursive: true);
    }
}
