using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The vhost and database of the fan-out test's node processes.</summary>
public sealed class FanOutServices() : OwnServices("sagas-test-fanout", "sagas_test_fanout");

/// <summary>
/// Concurrency across nodes: a fan-out of 50 steps whose 50 results are published at once,
/// while three orchestrator processes consume the same queue. Each result is applied once, none
/// is lost to a concurrent update, and the join runs after all of them. The test plays the
/// service, so it decides when the results land.
/// </summary>
public sealed class When_fifty_results_arrive_at_once_at_several_nodes(FanOutServices services) : IntegrationTest, IClassFixture<FanOutServices>
{
    private const int Width = 50;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sagas-fanout-{Guid.NewGuid():N}");

    protected override IIntegrationFixture Fixture => services;

    protected override async Task ArrangeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "fan-out-50.yaml"), FanOutDefinition());
    }

    [Fact]
    public async Task Every_result_is_applied_once_and_the_join_runs_after_all_of_them()
    {
        var settings = new Dictionary<string, string>
        {
            ["Sagas:Definitions:Path"] = _folder,
            ["Sagas:Policies:Path"] = "none",
        };
        await using var first = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await using var second = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await using var third = await NodeProcess.StartAsync(services.Settings, settings, "--orchestrator");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        // The service's queue as MassTransit declares it; no worker consumes it, the test does.
        await client.Channel.QueueDeclareAsync("noop", durable: true, exclusive: false, autoDelete: false);

        var id = await client.StartAsync("fan-out-50", []);
        var parts = await TakeCommandsAsync(client.Channel, Width, first);
        Assert.Equal(Width, parts.Select(p => p.StepId).Distinct().Count());

        // All fifty results at once: the three nodes race on the same workflow.
        foreach (var part in parts)
        {
            await PublishCompletedAsync(client.Channel, part, new JsonObject { ["part"] = part.StepId });
        }

        var join = Assert.Single(await TakeCommandsAsync(client.Channel, 1, first));
        Assert.Equal("join", join.StepId);
        await PublishCompletedAsync(client.Channel, join, new JsonObject { ["joined"] = Width });

        var events = await EventsWhenAsync(id, events => events.OfType<WorkflowCompleted>().Any(), first);
        var completed = events.OfType<StepCompleted>().ToList();
        Assert.Equal(Width + 1, completed.Count);
        Assert.Equal(Width + 1, completed.Select(c => c.StepId).Distinct().Count());
        // The join was dispatched once, after the last of the fifty results was recorded.
        var joinDispatch = events.Select((e, index) => (e, index)).Single(x => x.e is StepDispatched { StepId: "join" }).index;
        Assert.True(events.Select((e, index) => (e, index)).Where(x => x.e is StepCompleted c && c.StepId != "join").All(x => x.index < joinDispatch));
        // The saga's state is what its stream replays to.
        await using var session = services.Store.QuerySession();
        var state = await session.LoadAsync<WorkflowState>(id);
        Assert.Equal(WorkflowReplay.Fingerprint(WorkflowReplay.Rebuild(events)), WorkflowReplay.Fingerprint(state!));
        Assert.Equal(Width + 1, state!.Outputs.Count);
    }

    private static string FanOutDefinition()
    {
        var yaml = new StringBuilder("id: fan-out-50\nversion: 1\nsteps:\n");
        var parts = Enumerable.Range(1, Width).Select(n => $"part-{n:00}").ToList();
        foreach (var part in parts)
        {
            yaml.Append($"  - id: {part}\n    service: noop\n");
        }

        yaml.Append($"  - id: join\n    service: noop\n    depends_on: [{string.Join(", ", parts)}]\n");
        return yaml.ToString();
    }

    // The commands sent to the noop service's queue, read as its worker would, until there are that many.
    private static async Task<List<StepCommand>> TakeCommandsAsync(IChannel channel, int count, NodeProcess node)
    {
        var taken = new List<StepCommand>();
        await Eventually.Until(async () =>
        {
            while (taken.Count < count && await TryGetAsync(channel) is { } message)
            {
                var command = JsonNode.Parse(message)!["message"]!;
                taken.Add(new StepCommand(Guid.Parse(command["workflowId"]!.GetValue<string>()), command["stepId"]!.GetValue<string>(), command["attempt"]!.GetValue<int>()));
            }

            return taken.Count;
        }, arrived => arrived == count, TimeSpan.FromSeconds(30), $"{count} commands", arrived => $"{arrived} commands; a node said:{Environment.NewLine}{node.Output}");
        return taken;
    }

    private static async Task<string?> TryGetAsync(IChannel channel) =>
        await channel.BasicGetAsync("noop", autoAck: true) is { } result ? Encoding.UTF8.GetString(result.Body.Span) : null;

    // A result as a MassTransit worker publishes it: the envelope, on the event's exchange.
    private static async Task PublishCompletedAsync(IChannel channel, StepCommand command, JsonObject output)
    {
        var envelope = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["messageType"] = new JsonArray($"urn:message:Sagas.Contracts.Events:{nameof(StepCompleted)}"),
            ["message"] = new JsonObject
            {
                ["workflowId"] = command.WorkflowId.ToString(),
                ["stepId"] = command.StepId,
                ["attempt"] = command.Attempt,
                ["output"] = output,
                ["completedAt"] = DateTimeOffset.UtcNow.ToString("O"),
            },
        };
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
        await channel.BasicPublishAsync($"Sagas.Contracts.Events:{nameof(StepCompleted)}", string.Empty, mandatory: true, properties, Encoding.UTF8.GetBytes(envelope.ToJsonString()));
    }

    private Task<IReadOnlyList<object>> EventsWhenAsync(Guid id, Func<IReadOnlyList<object>, bool> condition, NodeProcess node) =>
        Eventually.Until(() => services.EventsAsync(id), condition, TimeSpan.FromSeconds(30), $"workflow {id} to get there",
            events => $"{events.Count} events; a node said:{Environment.NewLine}{node.Output}");

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private sealed record StepCommand(Guid WorkflowId, string StepId, int Attempt);
}
