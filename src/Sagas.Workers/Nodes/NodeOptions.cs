namespace Sagas.Workers.Nodes;

/// <summary><c>Sagas:Nodes</c>: how often a node announces itself.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Sagas:Nodes";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);
}
