using Marten;
using Npgsql;
using Sagas.Cli.Settings;
using Sagas.Contracts.Events;
using Sagas.IntegrationTests.Engine;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Persistence;

namespace Sagas.IntegrationTests.Policies;

/// <summary>
/// Two node processes (each an orchestrator and a worker) share one limit: at most two shipping
/// steps in flight across both. Every step waits its turn and none is dropped. A vhost and
/// database of its own.
/// </summary>
public sealed class When_a_limited_service_is_shared_by_two_orchestrators : IAsyncLifetime
{
    private const string VirtualHost = "sagas-test-limits";
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
    private SagasSettings _services = null!;
    private DocumentStore _store = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_definitions, "one-slow.yaml"), Definition);
        await File.WriteAllTextAsync(Path.Combine(_definitions, "policies.yaml"), Policies);
        await TestBroker.EnsureVirtualHostAsync(VirtualHost);
        _services = await TestServices.SettingsAsync();
        _services.RabbitMq.VirtualHost = VirtualHost;
        _services.Postgres.ConnectionString = await TestDatabase.PrepareAsync("sagas_test_limits");
        _store = DocumentStore.For(options => WorkflowStore.Configure(options, _services.Postgres.ConnectionString));
    }

    [Fact]
    public async Task No_more_than_the_limit_run_at_once_and_every_step_is_admitted_in_the_end()
    {
        var settings = new Dictionary<string, string> { ["Sagas:Definitions:Path"] = _definitions };
        await using var first = await NodeProcess.StartAsync(_services, settings);
        await using var second = await NodeProcess.StartAsync(_services, settings);
        await using var client = await StartClient.ConnectAsync(VirtualHost);

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

    private async Task<IReadOnlyList<object>> CompletedAsync(Guid id, NodeProcess first, NodeProcess second)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            await using var session = _store.QuerySession();
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            if (events.OfType<WorkflowCompleted>().Any())
            {
                return events;
            }
        }

        throw new Xunit.Sdk.XunitException($"workflow {id} did not complete in 60 s; the nodes said:{Environment.NewLine}{first.Output}{Environment.NewLine}{second.Output}");
    }

    // Every slot given back: no ticket waits and none is held.
    private async Task<long> TicketsLeftAsync()
    {
        await using var connection = new NpgsqlConnection(_services.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM sagas.mt_doc_admission", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_definitions, recursive: true);
    }
}
