namespace Sagas.Workers.Nodes;

/// <summary><c>Sagas:Nodes</c>: how often a node announces itself, and when it calls itself unhealthy.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Sagas:Nodes";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dependency may keep failing (while the node reconnects and retries) before the node reports itself unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}
