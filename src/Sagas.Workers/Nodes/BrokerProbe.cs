using MassTransit;

namespace Sagas.Workers.Nodes;

/// <summary>
/// The broker as MassTransit sees it: while RabbitMQ restarts, the bus reports its endpoints
/// unhealthy and reconnects by itself; this only reads that verdict.
/// </summary>
public sealed class BrokerProbe(IBusControl bus) : IDependencyProbe
{
    public string Name => "rabbitmq";

    public Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy ? null : $"{health.Status}: {health.Description}");
    }
}
