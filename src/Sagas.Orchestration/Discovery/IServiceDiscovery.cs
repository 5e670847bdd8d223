namespace Sagas.Orchestration.Discovery;

/// <summary>
/// Where an orchestrator reads which instances serve each service. The built-in one is the
/// broker's (<see cref="BrokerServiceDiscovery"/>); another registry (Consul, say) is another
/// implementation of this, with nothing else to change.
/// </summary>
public interface IServiceDiscovery
{
    Task<ServiceDirectory> ReadAsync(CancellationToken cancellationToken);
}
