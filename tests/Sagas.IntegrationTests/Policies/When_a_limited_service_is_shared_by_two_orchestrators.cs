using Npgsql;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Policies;

/// <summary>The vhost and database the two limited nodes share.</summary>
public sealed class LimitServices() : OwnServices("sagas-test-limits", "sagas_test_limits");

/// <summary>
/// Two node processes (each an orchestrator and a worker) share one limit: at most two shipping
/// steps in flight across both. Every step waits its turn and none is dropped.
/// </summary>
public sealed class When_a_limited_service_is_shared_by_two_orchestrators(LimitServices services) : IntegrationTest, IClassFixture<LimitServices>
{
    private const int Runs = 12;

    private const string Definition = """
        id: one-slow
        version: 1
        input:
          simulate: { type: object, required: false }
        steps:
          - id: ship
            service: shipping
            input:
              simulate: $.input.simulate
        """;

    private const string Policies = """
        orchestration:
          services:
            shipping:
              policies:
                - name: limits
                  max_in_flight: 2
                  max_per_second: 50
        """;

    private readonly string _definitions = Directory.CreateTempSubdirectory("sagas-limits-").FullName;

    protected override IIntegrationFixture Fixture => services;

    protected override async Task ArrangeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_definitions, "one-slow.yaml"), Definition);
        await File.WriteAllTextAsync(Path.Combine(_definitions, "policies.yaml"), Policies);
    }

    [Fact]
    public async Task No_more_than_the_limit_run_at_once_and_every_step_is_admitted_in_the_end()
    {
        var settings = new Dictionary<string, string> { ["Sagas:Definitions:Path"] = _definitions };
        await using var first = await NodeProcess.StartAsync(services.Settings, settings);
        await using var second = await NodeProcess.StartAsync(services.Settings, settings);
        await using var client = await StartClient.ConnectAsync(services.VirtualHost);

        var ids = new List<Guid>();
        for (var i = 0; i < Runs; i++)
        {
            ids.Add(await client.StartAsync("one-slow", new() { ["simulate"] = new System.Text.Json.Nodes.JsonObject { ["shipping"] = "slow:300" } }));
        }

        var runs = new List<IReadOnlyList<object>>();
        foreach (var id in ids)
        {
            runs.Add(await CompletedAsync(id, first, second));
        }

        Assert.All(runs, events => Assert.True(events.OfType<StepQueued>().Single().Admission));
        Assert.All(runs, events => Assert.True(events.OfType<StepDispatched>().Single().Admitted));
        // Each step ran from its dispatch to its result; no instant has more than two of them.
        var spans = runs.Select(events => (From: events.OfType<StepDispatched>().Single().DispatchedAt, To: events.OfType<StepCompleted>().Single().CompletedAt)).ToList();
        var most = spans.Max(span => spans.Count(other => other.From <= span.From && span.From < other.To));
        Assert.InRange(most, 1, 2);
        Assert.Equal(0, await TicketsLeftAsync());
    }

    private Task<IReadOnlyList<object>> CompletedAsync(Guid id, NodeProcess first, NodeProcess second) =>
        Eventually.Until(() => services.EventsAsync(id), events => events.OfType<WorkflowCompleted>().Any(), TimeSpan.FromSeconds(60), $"workflow {id} to complete",
            events => $"{EventNames.Of(events)}; the nodes said:{Environment.NewLine}{first.Output}{Environment.NewLine}{second.Output}");

    // Every slot given back: no ticket waits and none is held.
    private async Task<long> TicketsLeftAsync()
    {
        await using var connection = new NpgsqlConnection(services.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM sagas.mt_doc_admission", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_definitions, recursive: true);
        return Task.CompletedTask;
    }
}
