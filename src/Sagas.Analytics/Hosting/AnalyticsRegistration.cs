using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Daemon.Coordination;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Analytics.Health;
using Sagas.Analytics.Rebuild;
using Sagas.Analytics.Retention;

namespace Sagas.Analytics.Hosting;

/// <summary>Wires the analytics into an orchestrator node, whose store already runs Marten's async daemon.</summary>
public static class AnalyticsRegistration
{
    /// <summary>
    /// The stats tables and their projection in the node's store, the watch of their lag on every
    /// orchestrator, and, where the projection runs, the rebuilds and the retention. Nothing when
    /// the analytics are off (<c>Sagas:Analytics:Enabled</c>, or <paramref name="enabledByPolicy"/>
    /// from <c>orchestration.analytics.enabled</c> in policies.yaml).
    /// </summary>
    public static IHostApplicationBuilder AddSagasAnalytics(this IHostApplicationBuilder builder, string nodeName, string postgresConnectionString, bool enabledByPolicy = true)
    {
        // Read now, not when the host starts: whether the analytics run decides what is registered.
        var options = builder.Configuration.GetSection(AnalyticsOptions.SectionName).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        if (!options.Enabled || !enabledByPolicy)
        {
            return builder;
        }

        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AnalyticsOptions>, AnalyticsOptions.Validation>();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<AnalyticsOptions>>().Value);
        builder.Services.ConfigureMarten(store => AnalyticsStore.Configure(store, options.RunProjections));
        builder.Services.AddSingleton(new AnalyticsNode(nodeName));
        builder.Services.AddSingleton<AnalyticsStatus>();
        builder.Services.AddHostedService<AnalyticsWatch>();
        if (options.RunProjections)
        {
            builder.AddProjectionDaemon();
            builder.Services.AddHostedService<AnalyticsRebuilder>();
            builder.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<AnalyticsRetention>(provider, postgresConnectionString));
        }

        return builder;
    }

    /// <summary>
    /// Marten's async daemon on this node, hot/cold: every orchestrator that runs projections
    /// starts one, one at a time runs them (it holds an advisory lock), and another takes over when
    /// it stops. What Marten's <c>AddAsyncDaemon(DaemonMode.HotCold)</c> registers, here, where
    /// it is known whether this node runs projections: a node that only watches must not take the
    /// lock, or it would hold the projections still.
    /// </summary>
    private static void AddProjectionDaemon(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureMarten(store => store.Projections.AsyncMode = DaemonMode.HotCold);
        builder.Services.AddSingleton<Marten.Events.Daemon.Coordination.IProjectionCoordinator, ProjectionCoordinator>();
        builder.Services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>());
    }
}
