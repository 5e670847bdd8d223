using Sagas.Contracts.Events;

namespace Sagas.Workers.Nodes;

/// <summary>What a node's heartbeat registers of the service instances it hosts (none on an orchestrator alone).</summary>
public interface IInstanceRegistration
{
    Task<IReadOnlyList<ServiceInstanceReport>> ReportAsync(CancellationToken cancellationToken);
}
