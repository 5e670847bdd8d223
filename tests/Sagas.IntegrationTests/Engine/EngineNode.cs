using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Cli.Node;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Status;
using Sagas.Orchestration.Workflows;
using Sagas.Samples.Services;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// A real node (orchestrator and every sample service) on the test vhost and database, built by
/// the same code as <c>sagas run</c>. Shared by the engine tests; each test wipes the data first.
/// Subclasses run it with settings of their own (another vhost, database, policies).
/// </summary>
public class EngineNode : IAsyncLifetime
{
    private IHost _host = null!;

    public static readonly TimeSpan FraudTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The node's settings, for a CLI run against it.</summary>
    public IConfiguration Configuration { get; private set; } = null!;

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

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
    public async Task WhenRecordedAsync(Guid workflowId)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            await using var session = Store.QuerySession();
            if (await session.LoadAsync<WorkflowStatusView>(workflowId) is not null)
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"workflow {workflowId} was never recorded");
    }

    /// <summary>Durable timers stored and not yet sent.</summary>
    private Task<long> TimersWaitingAsync() => _host.Services.GetRequiredService<TimerTable>().CountAsync();

    /// <summary>
    /// The rows left once the sent outbox rows have been deleted (which follows the sends, off the
    /// saga's path): polls until none is left or a deadline passes, and returns the last count.
    /// </summary>
    public async Task<long> TimersDrainedAsync()
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var waiting = await TimersWaitingAsync();
        while (waiting > 0 && DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            waiting = await TimersWaitingAsync();
        }

        return waiting;
    }

    /// <summary>Removes every workflow document, view and stream; called before each test.</summary>
    public async Task WipeAsync()
    {
        await Store.Advanced.Clean.DeleteAllEventDataAsync();
        await Store.Advanced.Clean.DeleteAllDocumentsAsync();
    }

    /// <summary>Waits for the workflow's status view to leave Running, polling the database until a deadline.</summary>
    public async Task<WorkflowStatusView> FinishedAsync(Guid workflowId, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        WorkflowStatusView? view = null;
        while (DateTimeOffset.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
            await using var session = Store.QuerySession();
            view = await session.LoadAsync<WorkflowStatusView>(workflowId);
            if (view is not null && view.Status.IsSettled())
            {
                return view;
            }
        }

        throw new Xunit.Sdk.XunitException($"workflow {workflowId} did not finish in time; last status: {view?.Status.ToString() ?? "not recorded"}");
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
