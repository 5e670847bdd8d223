using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.Analytics.Hosting;
using Sagas.Orchestration;
using Sagas.Orchestration.Hosting;
using Sagas.Samples.Services;
using Sagas.Workers;
using Sagas.Workers.Instances;
using Sagas.Workers.Nodes;
using Sagas.Workers.Nodes.Observation;

namespace Sagas.Cli.Node;

/// <summary>Builds and starts a Sagas node: only composition, each module through its own registration.</summary>
public static class NodeHost
{
    public static IHost Build(IConfiguration configuration, NodeRoles roles)
    {
        var settings = SettingsLoader.Load(configuration);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Sagas", LogLevel.Information);

        var policies = NodeFiles.LoadPolicies(settings);
        var identity = NodeIdentity.For(roles.Kinds, roles.Queues, settings.RabbitMq.PrefetchCount, DateTimeOffset.UtcNow);
        if (roles.Orchestrator)
        {
            builder.AddSagasOrchestration(NodeFiles.LoadDefinitions(settings.Definitions, policies), settings.Postgres.ConnectionString, policies);
            builder.AddSagasAnalytics(identity.NodeId, settings.Postgres.ConnectionString, policies.Analytics.Enabled);
            builder.Services.AddSingleton<IDegradedPart, AnalyticsPart>();
            builder.Services.AddSingleton<IDependencyProbe>(new PostgresProbe(settings.Postgres.ConnectionString));
        }

        if (roles.Services.Count > 0)
        {
            // Each service hosted is an instance of its own, registered in the heartbeats.
            builder.AddServiceInstances(ServiceInstance.For(identity.NodeId, roles.Services));

            // A worker hosting a service also consumes the endpoints the policies give it.
            roles = roles.WithEndpoints(policies.Services.ToDictionary(
                p => p.Key, p => (IReadOnlyList<string>)[.. p.Value.Endpoints.Select(e => e.Name)]));
            builder.AddSagasSamples(settings.Postgres.ConnectionString);
            builder.AddSagasWorkers();
        }

        // Hosted services stop in the reverse order of their registration, so what sends through the
        // bus is registered after it and stops before it: the orchestrator's jobs never claim a timer
        // or an outbox row they can no longer send, and the last heartbeat (the node saying it
        // stops) leaves while the bus still runs.
        builder.AddSagasBus(settings.RabbitMq, roles);
        if (roles.Orchestrator)
        {
            builder.AddSagasOrchestrationJobs();
        }

        builder.AddSagasHeartbeats(identity);
        builder.AddSagasObservation();
        return builder.Build();
    }

    /// <summary>
    /// Starts a node <see cref="Build"/> made. The modules' options are bound and validated here, so
    /// a setting one refuses is the user's to fix, said in one line that names it.
    /// </summary>
    public static async Task StartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (SettingErrors.Describe(e) is { } problem)
        {
            throw new UserErrorException(problem, e);
        }
    }
}
