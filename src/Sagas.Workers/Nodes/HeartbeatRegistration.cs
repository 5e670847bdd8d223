using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sagas.Workers.Nodes;

/// <summary>Wires a node's heartbeats; every node, whatever its roles, announces itself.</summary>
public static class HeartbeatRegistration
{
    /// <summary>
    /// The heartbeats of the node <paramref name="identity"/> names, with <c>Sagas:Nodes</c> bound,
    /// and refused at start while a setting makes no sense. They publish on the bus.
    /// </summary>
    public static IHostApplicationBuilder AddSagasHeartbeats(this IHostApplicationBuilder builder, NodeIdentity identity)
    {
        builder.Services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptions.Validation>();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<NodeOptions>>().Value);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(provider => new NodeHealth(provider.GetRequiredService<NodeOptions>().UnhealthyAfter));
        builder.Services.AddSingleton<IDependencyProbe, BrokerProbe>();
        builder.Services.AddSingleton(identity);
        builder.Services.AddHostedService<HeartbeatPublisher>();
        return builder;
    }
}
