namespace Sagas.Workers.Nodes;

/// <summary>Who this node is and what it runs, as its heartbeats announce it.</summary>
public sealed record NodeIdentity(string NodeId, IReadOnlyList<string> Roles, IReadOnlyList<string> Services, int Capacity, DateTimeOffset StartedAt)
{
    /// <summary>A new identity: the host, the process and a short random part (a restarted process is a new node).</summary>
    public static NodeIdentity For(IReadOnlyList<string> roles, IReadOnlyList<string> services, int capacity, DateTimeOffset startedAt) =>
        new($"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}", roles, services, capacity, startedAt);
}
