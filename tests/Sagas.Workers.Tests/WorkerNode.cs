using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sagas.Samples.Services;
using Sagas.Workers.Resilience;

namespace Sagas.Workers.Tests;

/// <summary>
/// A worker node's services, wired by the same registrations the node uses, without a bus
/// running: the tests call <see cref="StepHandlers"/> as the step consumer does.
/// </summary>
internal sealed class WorkerNode(ServiceProvider services, LogRecorder log) : IDisposable
{
    public StepHandlers Handlers => services.GetRequiredService<StepHandlers>();

    public OutsidePipelines Pipelines => services.GetRequiredService<OutsidePipelines>();

    /// <summary>What the node logged.</summary>
    public LogRecorder Log => log;

    /// <summary>
    /// A node hosting the sample services told to <paramref name="simulate"/>, with the given
    /// settings over a default that does not wait between retries (so no test sleeps), on
    /// <paramref name="clock"/> if given.
    /// </summary>
    public static WorkerNode Start(
        Dictionary<string, string>? simulate = null, Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Workers:Resilience:Default:RetryDelay"] = "00:00:00" })
            .AddInMemoryCollection(settings ?? [])
            .Build();
        var log = new LogRecorder();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(log));
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddSampleServices(new SampleOptions { Simulate = simulate ?? [] });
        services.AddSagasWorkerResilience(configuration);
        services.AddMassTransit(bus => bus.AddStepWorkers());
        return new WorkerNode(services.BuildServiceProvider(), log);
    }

    public static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>An attempt of the sample order's payment step.</summary>
    public static StepRequest Request(int attempt = 1) =>
        new(Guid.NewGuid(), "order-fulfilment", "charge-payment", attempt, new JsonObject { ["orderId"] = "o-1", ["amount"] = 5 });

    public void Dispose() => services.Dispose();
}
