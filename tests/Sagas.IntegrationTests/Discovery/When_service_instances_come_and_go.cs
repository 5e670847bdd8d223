using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Sagas.Cli.Commands;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Discovery;

/// <summary>The vhost and database of the discovery tests' own node processes.</summary>
public sealed class DiscoveryServices() : OwnServices("sagas-test-discovery", "sagas_test_discovery");

/// <summary>
/// Service discovery on real processes: instances register in their nodes' heartbeats, a new one
/// joins without a file changed, a killed one leaves the rotation, and one whose health check fails
/// is taken out (its steps wait, <c>no-healthy-instance</c>) until the check passes again.
/// </summary>
public sealed class When_service_instances_come_and_go(DiscoveryServices services) : IntegrationTest, IClassFixture<DiscoveryServices>
{
    private const string Pay = """
        id: pay
        version: 1
        input:
          orderId: string
        steps:
          - id: charge
            service: payment
            timeout: 1m
            input: { orderId: $.input.orderId, amount: 1 }
        """;

    // Refreshed every 2 s and heartbeats every half second: an instance leaves within 2 s of its last heartbeat.
    private const string Policies = """
        orchestration:
          service_discovery: { type: broker, refresh_interval: 2s, health_check: true }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly string _folder = Directory.CreateTempSubdirectory("sagas-discovery-").FullName;

    protected override IIntegrationFixture Fixture => services;

    private Dictionary<string, string> Settings => new()
    {
        ["Sagas:Definitions:Path"] = _folder,
        ["Sagas:Policies:Path"] = Path.Combine(_folder, "policies.yaml"),
        ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00.5",
        ["Sagas:Samples:MaintenanceFile"] = Path.Combine(_folder, "maintenance"),
    };

    protected override async Task ArrangeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "pay.yaml"), Pay);
        await File.WriteAllTextAsync(Path.Combine(_folder, "policies.yaml"), Policies);
    }

    [Fact]
    public async Task An_instance_that_joins_takes_steps_and_one_killed_leaves_them_to_the_others()
    {
        await using var orchestrator = await NodeProcess.StartAsync(services.Settings, Settings, "--orchestrator");
        await using var first = await NodeProcess.StartAsync(services.Settings, Settings, "--worker", "payment");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        await using var joined = await NodeProcess.StartAsync(services.Settings, Settings, "--worker", "payment@payment-eu-2");

        // No file changed: the new instance registers itself and gets steps within a refresh.
        var toJoined = await Eventually.Until(() => ChargeAsync(client), d => d.Instance?.StartsWith("payment-eu-2.", StringComparison.Ordinal) == true, Patience,
            "a charge to go to the instance that joined", d => $"the last went to {d.Instance}; the orchestrator said:{Environment.NewLine}{orchestrator.Output}");
        Assert.StartsWith($"instance {toJoined.Instance} (", toJoined.Balancing);

        await joined.KillAsync();
        var killed = await Eventually.Until(async () => InstanceIn(await ServicesAsync(), toJoined.Instance!), i => i?["inRotation"]?.GetValue<bool>() == false, Patience,
            "the killed instance to be out of the rotation", i => i?.ToJsonString() ?? "not listed");
        Assert.Contains("heartbeat", killed!["outBecause"]!.GetValue<string>(), StringComparison.Ordinal);

        // The orchestrator reads the registry every half second, so a charge just after may still go
        // there (and wait out the handoff); two in a row to the instance left say it has read it.
        await Eventually.Until(async () => (await ChargeAsync(client), await ChargeAsync(client)),
            pair => pair.Item1.Instance?.StartsWith("payment.", StringComparison.Ordinal) == true && pair.Item2.Instance?.StartsWith("payment.", StringComparison.Ordinal) == true,
            Patience, "two charges in a row to the instance left", pair => $"{pair.Item1.Instance}, {pair.Item2.Instance}");

        // From then on, every charge goes to the instance left, and completes.
        for (var i = 0; i < 4; i++)
        {
            var dispatched = await ChargeAsync(client);
            Assert.StartsWith("payment.", dispatched.Instance, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_step_waits_while_no_instance_is_healthy_and_goes_once_the_check_passes()
    {
        var maintenance = Settings["Sagas:Samples:MaintenanceFile"];
        await File.WriteAllTextAsync(maintenance, "payment\n");
        await using var orchestrator = await NodeProcess.StartAsync(services.Settings, Settings, "--orchestrator");
        await using var worker = await NodeProcess.StartAsync(services.Settings, Settings, "--worker", "payment");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        await Eventually.Until(() => ServicesAsync(), s => s.ToJsonString().Contains("in maintenance", StringComparison.Ordinal), Patience,
            "the instance to register in maintenance", s => s.ToJsonString());

        // The orchestrator reads the registry every half second: a charge started just before may still go out.
        var (workflow, waiting) = await Eventually.Until(() => ChargeUntilSettledAsync(client), c => c.Events.OfType<StepQueued>().Any(), Patience,
            "a charge to wait for an instance", c => $"{EventNames.Of(c.Events)}; the orchestrator said:{Environment.NewLine}{orchestrator.Output}");
        var queued = waiting.OfType<StepQueued>().First();
        Assert.True(queued.NoHealthyInstance);
        Assert.StartsWith("no-healthy-instance: 'payment' has 1 registered instance(s) and none is healthy (payment.", queued.Reason, StringComparison.Ordinal);
        Assert.Contains($"its health check fails: in maintenance while {maintenance} exists", queued.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting, e => e is StepDispatched);

        File.Delete(maintenance);
        var events = await Eventually.Until(() => services.EventsAsync(workflow), e => e.OfType<WorkflowCompleted>().Any(), Patience,
            "the charge to go once the instance is healthy", e => $"{EventNames.Of(e)}; the orchestrator said:{Environment.NewLine}{orchestrator.Output}");
        Assert.StartsWith("payment.", events.OfType<StepDispatched>().Single().Instance, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e is StepFailed);
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    // Starts one charge and waits for it to complete: where did it go?
    private async Task<StepDispatched> ChargeAsync(StartClient client)
    {
        var workflow = await client.StartAsync("pay", new JsonObject { ["orderId"] = $"o-{Guid.NewGuid():N}" });
        var events = await Eventually.Until(() => services.EventsAsync(workflow), e => e.OfType<WorkflowCompleted>().Any(), Patience,
            $"charge {workflow} to complete", EventNames.Of);
        return events.OfType<StepDispatched>().Single();
    }

    private static JsonNode? InstanceIn(JsonArray services, string queue) =>
        services.SelectMany(s => s!["instances"]!.AsArray()).FirstOrDefault(i => i!["queue"]!.GetValue<string>() == queue);

    // Starts a charge and waits until it completed or waits for an instance.
    private async Task<(Guid Workflow, IReadOnlyList<object> Events)> ChargeUntilSettledAsync(StartClient client)
    {
        var workflow = await client.StartAsync("pay", new JsonObject { ["orderId"] = $"o-{Guid.NewGuid():N}" });
        var events = await Eventually.Until(() => services.EventsAsync(workflow), e => e.Any(x => x is WorkflowCompleted or StepQueued), Patience,
            $"charge {workflow} to complete or wait", EventNames.Of);
        return (workflow, events);
    }

    // 'sagas services --json' as a user runs it, on these services and policies.
    private async Task<JsonArray> ServicesAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Sagas:Postgres:ConnectionString"] = services.ConnectionString,
                ["Sagas:Policies:Path"] = Settings["Sagas:Policies:Path"],
            })
            .Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(["services", "--json"], output, error, configuration);
        Assert.True(exit == 0, error.ToString());
        return JsonNode.Parse(output.ToString())!.AsArray();
    }
}
