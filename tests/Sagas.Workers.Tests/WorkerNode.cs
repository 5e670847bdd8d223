using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Samples.Services;
using Sagas.Workers.Resilience;

namespace Sagas.Workers.Tests;

/// <summary>
/// A worker node's services, wired by the same registrations the node uses, without a bus
/// running: the tests call <see cref="StepHandlers"/> as the step consumer does.
/// </summary>
internal sealed class WorkerNode(IHost host, LogRecorder log) : IDisposable
{
    public StepHandlers Handlers => host.Services.GetRequiredService<StepHandlers>();

    public OutsidePipelines Pipelines => host.Services.GetRequiredService<OutsidePipelines>();

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
        var builder = Builder(settings);
        builder.Configuration.AddInMemoryCollection((simulate ?? []).Select(p => KeyValuePair.Create($"{SampleOptions.SectionName}:Simulate:{p.Key}", (string?)p.Value)));
        var log = new LogRecorder();
        builder.Logging.AddProvider(log);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.AddSagasSamples();
        builder.AddSagasWorkers();
        builder.Services.AddMassTransit(bus => bus.AddStepWorkers());
        return new WorkerNode(builder.Build(), log);
    }

    /// <summary>
    /// A host's builder with the given settings over a default that does not wait between retries
    /// (so no test sleeps), for the registrations under test.
    /// </summary>
    public static HostApplicationBuilder Builder(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:Workers:Resilience:Default:RetryDelay"] = "00:00:00" });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        return builder;
    }

    public static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>An attempt of the sample order's payment step.</summary>
    public static StepRequest Request(int attempt = 1) =>
        new(Guid.NewGuid(), "order-fulfilment", "charge-payment", attempt, new JsonObject { ["orderId"] = "o-1", ["amount"] = 5 });

    public void Dispose() => host.Dispose();
}
