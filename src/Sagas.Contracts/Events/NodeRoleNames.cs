namespace Sagas.Contracts.Events;

/// <summary>The roles a node announces in its <see cref="NodeHeartbeat"/>.</summary>
public static class NodeRoleNames
{
    public const string Orchestrator = "orchestrator";

    public const string Worker = "worker";
}
