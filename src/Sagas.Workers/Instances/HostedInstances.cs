namespace Sagas.Workers.Instances;

/// <summary>
/// The service instances this node hosts, and which of them a command received on a queue
/// counts for: the instance whose own queue or endpoint it is, else the first of its service.
/// </summary>
public sealed class HostedInstances(IReadOnlyList<ServiceInstance> instances)
{
    public static readonly HostedInstances None = new([]);

    public IReadOnlyList<ServiceInstance> All => instances;

    public ServiceInstance? For(string service, string queue) =>
        instances.FirstOrDefault(i => i.Queue == queue)
        ?? instances.FirstOrDefault(i => i.Service == service && i.Endpoint == queue)
        ?? instances.FirstOrDefault(i => i.Service == service);
}
