using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Cli.Node;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Status;
using Sagas.Orchestration.Workflows;
using Sagas.Samples.Services;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// A real node (orchestrator and every sample service) on the test vhost and database, built by
/// the same code as <c>sagas run</c>. Shared by the engine tests, wiped before each (<see cref="IntegrationTest"/>).
/// Subclasses run it with settings of their own (another vhost, database, policies).
/// </summary>
public class EngineNode : IIntegrationFixture, IAsyncLifetime
{
    private IHost _host = null!;

    public static readonly TimeSpan FraudTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The node's settings, for a CLI run against it.</summary>
    public IConfiguration Configuration { get; private set; } = null!;

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Where the node answers /metrics and /health (a free loopback port).</summary>
    public Uri ObservationAddress => _host.Services.GetRequiredService<Workers.Nodes.Observation.ObservationEndpoint>().Address!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(await SettingsAsync())
            .Build();
        Configuration = configuration;
        _host = NodeHost.Build(configuration, new NodeRoles(true, SampleServiceRegistration.Names));
        await _host.StartAsync();
    }

    /// <summary>This node's own settings, over the test services'.</summary>
    protected virtual Task<Dictionary<string, string?>> SettingsAsync() =>
        Task.FromResult(new Dictionary<string, string?>
        {
            // The fraud service gets a short timeout and two attempts, so a test of a hung service takes seconds.
            ["Sagas:Orchestration:ServiceTimeout:fraud"] = FraudTimeout.ToString(),
            ["Sagas:Orchestration:ServiceRetry:fraud:MaxAttempts"] = "2",
            // These tests pin the recovery of issue 5; the policies have their own tests and nodes.
            ["Sagas:Policies:Path"] = "none",
        });

    /// <summary>Publishes on the node's own bus, as another node would.</summary>
    public Task PublishAsync<T>(T message)
        where T : class => _host.Services.GetRequiredService<MassTransit.IBus>().Publish(message);

    /// <summary>The circuit of a service as this node sees it now.</summary>
    public CircuitState CircuitOf(string service) => _host.Services.GetRequiredService<CircuitBreakers>().StateOf(service, DateTimeOffset.UtcNow);

    /// <summary>Waits until the node has recorded the workflow's start (its status view exists).</summary>
    public Task WhenRecordedAsync(Guid workflowId) =>
        Eventually.Until(() => ViewAsync(workflowId), view => view is not null, TimeSpan.FromSeconds(30), $"workflow {workflowId} to be recorded");

    /// <summary>Durable timers stored and not yet sent.</summary>
    private Task<long> TimersWaitingAsync() => _host.Services.GetRequiredService<TimerTable>().CountAsync();

    /// <summary>
    /// The rows left once the sent outbox rows have been deleted (which follows the sends, off the
    /// saga's path): waits until none is left, failing with the last count.
    /// </summary>
    public Task<long> TimersDrainedAsync() =>
        Eventually.Until(TimersWaitingAsync, waiting => waiting == 0, TimeSpan.FromSeconds(10), "the timer and outbox rows to drain");

    /// <summary>The workflows' documents, streams, timers, outbox rows and tickets, and the vhost's parked messages.</summary>
    public async Task WipeAsync()
    {
        await StoreWipe.WipeAsync(Store);
        await TestBroker.PurgeParkedAsync(Configuration["Sagas:RabbitMq:VirtualHost"] ?? "/");
    }

    /// <summary>Waits for the workflow's status view to leave Running, and returns it.</summary>
    public async Task<WorkflowStatusView> FinishedAsync(Guid workflowId, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => ViewAsync(workflowId), view => view is not null && view.Status.IsSettled(), timeout ?? TimeSpan.FromSeconds(30),
            $"workflow {workflowId} to finish", view => view?.Status.ToString() ?? "not recorded"))!;

    public async Task<WorkflowStatusView?> ViewAsync(Guid workflowId)
    {
        await using var session = Store.QuerySession();
        return await session.Events.AggregateStreamAsync<WorkflowStatusView>(workflowId);
    }

    public async Task<IReadOnlyList<object>> EventsAsync(Guid workflowId)
    {
        await using var session = Store.QuerySession();
        return [.. (await session.Events.FetchStreamAsync(workflowId)).Select(e => e.Data)];
    }

    public static JsonObject Order(string orderId, decimal amount = 10, JsonObject? simulate = null)
    {
        var input = new JsonObject { ["orderId"] = orderId, ["amount"] = amount };
        if (simulate is not null)
        {
            input["simulate"] = simulate;
        }

        return input;
    }

    public virtual async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineNode>
{
    public const string Name = "engine";
}
