using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Sagas.Cli.Commands;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Adaptation;

/// <summary>The vhost and database of the adaptation tests' own node processes.</summary>
public sealed class AdaptationServices() : OwnServices("sagas-test-adaptation", "sagas_test_adaptation");

/// <summary>
/// Adaptive orchestration on real processes: one payment instance made slow, or made to fail
/// every other call, beside a healthy one. The orchestrator steers around the slow one, ejects the
/// failing one and takes it back when its time runs out, and says so in the service's stream.
/// </summary>
public sealed class When_an_instance_goes_bad(AdaptationServices services) : IntegrationTest, IClassFixture<AdaptationServices>
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
            retry: { max_attempts: 5, backoff: fixed, delay: 100ms }
            input: { orderId: $.input.orderId, amount: 1 }
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("sagas-adaptation-").FullName;

    protected override IIntegrationFixture Fixture => services;

    private Dictionary<string, string> Settings => new()
    {
        ["Sagas:Definitions:Path"] = _folder,
        ["Sagas:Policies:Path"] = Path.Combine(_folder, "policies.yaml"),
        ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00.5",
    };

    [Fact]
    public async Task A_slow_instance_is_avoided_and_the_services_stream_says_by_how_much()
    {
        await PoliciesAsync("triggers: [latency]");
        await using var orchestrator = await NodeProcess.StartAsync(services.Settings, Settings, "--orchestrator");
        await using var slow = await NodeProcess.StartAsync(services.Settings, With("slow:1000"), "--worker", "payment");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        // Measured alone first, then beside a fast instance that joins. Until discovery has seen the slow instance
        // (a refresh every 2 s), a charge goes to the service's queue and names no instance.
        var slowQueue = (await Eventually.Until(() => ChargeAsync(client), d => d.Instance is not null, Patience,
            "the orchestrator to discover the slow instance", d => $"dispatched to {d.Instance ?? "the service queue"}")).Instance!;
        for (var i = 0; i < 5; i++)
        {
            await ChargeAsync(client);
        }

        await using var fast = await NodeProcess.StartAsync(services.Settings, Settings, "--worker", "payment");
        var avoided = await Eventually.Until(
            async () => { await ChargeAsync(client); return (await services.EventsAsync(ServiceStreams.IdOf("payment"))).OfType<AdaptationApplied>().ToList(); },
            a => a.Count > 0, Patience, "the slow instance to be avoided", a => $"nothing recorded; the orchestrator said:{Environment.NewLine}{orchestrator.Output}");

        var applied = Assert.Single(avoided);
        Assert.Equal((slowQueue, "latency", "avoided"), (applied.Instance, applied.Trigger, applied.Action));
        Assert.True(applied.Measured >= 1000 && applied.Measured >= applied.Threshold, $"{applied.Measured} against {applied.Threshold}");
        Assert.StartsWith($"{slowQueue} averages ", applied.Reason, StringComparison.Ordinal);

        // Its estimate takes half a minute to decay to the fast one's (a second is far above what the fast one shows even on a
        // loaded machine): until then every step goes to the fast one, saying why.
        for (var i = 0; i < 6; i++)
        {
            var dispatched = await ChargeAsync(client);
            Assert.NotEqual(slowQueue, dispatched.Instance);
            Assert.Matches($@"^instance payment\..+ by latency \(.+\) over {System.Text.RegularExpressions.Regex.Escape(slowQueue)} \(≈\d+(\.\d)? ms, 0 in flight\), two of 2 drawn$", dispatched.Balancing);
        }

        var listed = InstanceIn(await CliAsync("services", "--json"), slowQueue)!;
        var inForce = Assert.Single(listed["adaptations"]!.AsArray());
        Assert.Equal("avoided", inForce!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_instance_failing_every_other_call_is_ejected_then_taken_back_on_probation()
    {
        await PoliciesAsync("triggers: [error_rate]\n    error_rate: { threshold: 0.5, min_calls: 4, window: 1m, ejection: 4s }");
        await using var orchestrator = await NodeProcess.StartAsync(services.Settings, Settings, "--orchestrator");
        await using var healthy = await NodeProcess.StartAsync(services.Settings, Settings, "--worker", "payment");
        await using var failing = await NodeProcess.StartAsync(services.Settings, With("flapping:1"), "--worker", "payment");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);
        await Eventually.Until(() => CliAsync("services", "--json"), s => s[0]?["healthy"]?.GetValue<int>() == 2, Patience,
            "both instances to register", s => s.ToJsonString());

        var stream = await Eventually.Until(
            async () => { await ChargeAsync(client); return await services.EventsAsync(ServiceStreams.IdOf("payment")); },
            e => e.OfType<AdaptationApplied>().Any(), Patience, "an instance to be ejected", e => $"{e.Count} record(s); the orchestrator said:{Environment.NewLine}{orchestrator.Output}");
        var ejected = stream.OfType<AdaptationApplied>().Single();
        Assert.Equal(("error_rate", "ejected", 0.5), (ejected.Trigger, ejected.Action, ejected.Threshold));
        Assert.True(ejected.Measured >= 0.5, ejected.Reason);
        Assert.Equal(ejected.AppliedAt + TimeSpan.FromSeconds(4), ejected.Until);

        // While it is out, nothing goes there; the charges finish on the healthy one without a failed attempt.
        var during = new List<StepDispatched>();
        while (DateTimeOffset.UtcNow < ejected.Until!.Value - TimeSpan.FromSeconds(1))
        {
            during.Add(await ChargeAsync(client));
        }

        Assert.NotEmpty(during);
        Assert.DoesNotContain(during, d => d.Instance == ejected.Instance && d.DispatchedAt > ejected.AppliedAt && d.DispatchedAt < ejected.Until);

        var returned = await Eventually.Until(
            async () => { await ChargeAsync(client); return (await services.EventsAsync(ServiceStreams.IdOf("payment"))).OfType<AdaptationReverted>().ToList(); },
            r => r.Count > 0, Patience, "the ejected instance to come back", r => $"nothing recorded; the orchestrator said:{Environment.NewLine}{orchestrator.Output}");
        var back = returned[0];
        Assert.Equal((ejected.Instance, "error_rate", "ejected"), (back.Instance, back.Trigger, back.Action));
        Assert.StartsWith($"{ejected.Instance} is back in the rotation on probation after 4 s", back.Reason, StringComparison.Ordinal);
        await Eventually.Until(() => ChargeAsync(client), d => d.Instance == ejected.Instance, Patience, "a charge to go to the instance taken back", d => d.Instance ?? "none");

        var history = await CliTextAsync("services", "--history", "payment");
        Assert.Contains($"{ejected.Instance} ejected on error_rate", history, StringComparison.Ordinal);
        Assert.True(history.Contains($"{ejected.Instance} no longer ejected on error_rate after ", StringComparison.Ordinal), history);
    }

    [Fact]
    public async Task Steps_over_the_adaptive_limit_wait_their_turn_and_every_one_completes()
    {
        await PoliciesAsync("triggers: [load]\n    load: { initial_limit: 2, max_limit: 2 }");
        await using var orchestrator = await NodeProcess.StartAsync(services.Settings, Settings, "--orchestrator");
        await using var worker = await NodeProcess.StartAsync(services.Settings, With("slow:200"), "--worker", "payment");
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        var workflows = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.StartAsync("pay", new JsonObject { ["orderId"] = $"o-{i}-{Guid.NewGuid():N}" })));
        var runs = new List<IReadOnlyList<object>>();
        foreach (var workflow in workflows)
        {
            runs.Add(await Eventually.Until(() => services.EventsAsync(workflow), e => e.OfType<WorkflowCompleted>().Any(), Patience,
                $"charge {workflow} to complete", e => $"{EventNames.Of(e)}; the orchestrator said:{Environment.NewLine}{orchestrator.Output}"));
        }

        var waited = runs.Select(r => r.OfType<StepQueued>().FirstOrDefault(q => q.AdaptiveLimit)).OfType<StepQueued>().ToList();
        Assert.NotEmpty(waited);
        Assert.All(waited, q => Assert.StartsWith("adaptive-limit: 'payment' has 2 step(s) in flight from this orchestrator, at its adaptive limit of 2;", q.Reason, StringComparison.Ordinal));

        // Never more than two at once: each ran from its dispatch to its result.
        var spans = runs.Select(r => (From: r.OfType<StepDispatched>().Last().DispatchedAt, To: r.OfType<StepCompleted>().Last().CompletedAt)).ToList();
        // At each dispatch, how many were running: the most at once is reached at some dispatch.
        var most = spans.Max(s => spans.Count(o => o.From <= s.From && s.From < o.To));
        Assert.True(most <= 2, $"{most} charges ran at once: {string.Join(", ", spans.Select(s => $"{s.From:HH:mm:ss.fff}-{s.To:HH:mm:ss.fff}"))}");
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private async Task PoliciesAsync(string adaptive)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "pay.yaml"), Pay);
        var policies = "orchestration:\n  service_discovery: { type: broker, refresh_interval: 2s }\n  adaptive:\n    " + adaptive + "\n";
        await File.WriteAllTextAsync(Path.Combine(_folder, "policies.yaml"), policies);
    }

    private Dictionary<string, string> With(string simulation) => new(Settings) { ["Sagas:Samples:Simulate:payment"] = simulation };

    // Starts one charge and waits for it to complete: where did its last attempt go?
    private async Task<StepDispatched> ChargeAsync(StartClient client)
    {
        var workflow = await client.StartAsync("pay", new JsonObject { ["orderId"] = $"o-{Guid.NewGuid():N}" });
        var events = await Eventually.Until(() => services.EventsAsync(workflow), e => e.OfType<WorkflowCompleted>().Any(), Patience,
            $"charge {workflow} to complete", EventNames.Of);
        return events.OfType<StepDispatched>().Last();
    }

    private static JsonNode? InstanceIn(JsonArray listed, string queue) =>
        listed.SelectMany(s => s!["instances"]!.AsArray()).FirstOrDefault(i => i!["queue"]!.GetValue<string>() == queue);

    private async Task<JsonArray> CliAsync(params string[] args) => JsonNode.Parse(await CliTextAsync(args))!.AsArray();

    // The CLI as a user runs it, on these services and policies.
    private async Task<string> CliTextAsync(params string[] args)
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
        var exit = await SagasCli.RunAsync(args, output, error, configuration);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
