using Marten;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Nodes;

namespace Sagas.Orchestration.Discovery;

/// <summary>
/// Discovery on what Sagas already runs on: each worker node registers its instances in its
/// heartbeats, published through RabbitMQ; the orchestrators keep them in each node's
/// <see cref="NodeView"/> in PostgreSQL (<see cref="NodeHeartbeatConsumer"/>), and read them here.
/// </summary>
internal sealed class BrokerServiceDiscovery(IDocumentStore store, PolicyFile policies, TimeProvider clock) : IServiceDiscovery
{
    public async Task<ServiceDirectory> ReadAsync(CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var nodes = await query.Query<NodeView>().ToListAsync(cancellationToken);
        return ServiceDirectory.From(nodes, policies.Discovery, clock.GetUtcNow());
    }
}
