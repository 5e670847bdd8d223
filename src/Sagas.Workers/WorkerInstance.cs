using Sagas.Workers.Nodes;

namespace Sagas.Workers;

/// <summary>
/// The name results give for the node that ran them: the node's heartbeat identity when it has
/// one, or the machine and process (a worker hosted without heartbeats, as in tests).
/// </summary>
public sealed record WorkerInstance(string Node)
{
    public static WorkerInstance For(NodeIdentity? identity) =>
        new(identity?.NodeId ?? $"{Environment.MachineName}-{Environment.ProcessId}");
}
