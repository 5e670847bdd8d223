namespace Sagas.Cli.Node;

/// <summary>What a node runs: the orchestrator, and the services whose queues it consumes.</summary>
public sealed record NodeRoles(bool Orchestrator, IReadOnlyList<string> Services)
{
    public override string ToString() =>
        string.Join(", ", (Orchestrator ? ["orchestrator"] : Array.Empty<string>()).Concat(Services.Select(s => $"service {s}")));
}
