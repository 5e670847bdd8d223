using Sagas.Contracts.Events;
using Sagas.Orchestration.Nodes;

namespace Sagas.Orchestration.Tests.Discovery;

/// <summary>Nodes and instances as their heartbeats leave them, for the directory's and the router's tests.</summary>
internal static class Registry
{
    public static ServiceInstanceReport Instance(string service, string node, string? endpoint = null, string health = "healthy", string? problem = null) => new()
    {
        Service = service,
        Endpoint = endpoint ?? service,
        Queue = $"{endpoint ?? service}.{node}",
        Capacity = 32,
        Version = "1.0.0",
        Health = health,
        Problem = problem,
    };

    public static NodeView Node(string id, DateTimeOffset lastSeen, params ServiceInstanceReport[] instances) => new()
    {
        Id = id,
        Host = "host",
        Roles = ["worker"],
        Interval = TimeSpan.FromSeconds(5),
        LastSeen = lastSeen,
        LastSentAt = lastSeen,
        Status = NodeStatus.Live,
        Instances = [.. instances],
    };
}
