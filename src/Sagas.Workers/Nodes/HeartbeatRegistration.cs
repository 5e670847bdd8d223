using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sagas.Workers.Nodes;

/// <summary>Wires a node's heartbeats; every node, whatever its roles, announces itself.</summary>
public static class HeartbeatRegistration
{
    public static IServiceCollection AddSagasHeartbeats(this IServiceCollection services, IConfiguration configuration, NodeIdentity identity)
    {
        var options = configuration.GetSection(NodeOptions.SectionName).Get<NodeOptions>() ?? new NodeOptions();
        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"invalid setting {NodeOptions.SectionName}:HeartbeatInterval: it must be positive (it is {options.HeartbeatInterval})");
        }

        if (options.UnhealthyAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"invalid setting {NodeOptions.SectionName}:UnhealthyAfter: it must be positive (it is {options.UnhealthyAfter})");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeHealth(options.UnhealthyAfter));
        services.AddSingleton<IDependencyProbe, BrokerProbe>();
        services.AddSingleton(options);
        services.AddSingleton(identity);
        services.AddHostedService<HeartbeatPublisher>();
        return services;
    }
}
