using Sagas.Contracts.Events;

namespace Sagas.Cli.Node;

/// <summary>
/// What a node runs: the orchestrator, and the services it hosts, each as <c>SERVICE</c> (its own
/// queue) or <c>SERVICE@ENDPOINT</c> (one of the service's endpoints, e.g. <c>payment@payment-eu</c>).
/// </summary>
public sealed record NodeRoles(bool Orchestrator, IReadOnlyList<string> Services)
{
    /// <summary>What kind of node it is, as its heartbeats say: <c>orchestrator</c> and/or <c>worker</c>.</summary>
    public IReadOnlyList<string> Kinds =>
        [.. Orchestrator ? [NodeRoleNames.Orchestrator] : Array.Empty<string>(), .. Services.Count > 0 ? [NodeRoleNames.Worker] : Array.Empty<string>()];

    /// <summary>The queues this node consumes step commands from.</summary>
    public IReadOnlyList<string> Queues => [.. Services.Select(QueueOf).Distinct()];

    public static string ServiceOf(string entry) => entry.Split('@', 2)[0];

    public static string QueueOf(string entry) => entry.Split('@', 2) is [_, var endpoint] ? endpoint : entry;

    /// <summary>These roles, also consuming the endpoints the policies declare for each service hosted.</summary>
    public NodeRoles WithEndpoints(IReadOnlyDictionary<string, IReadOnlyList<string>> endpointsByService) =>
        this with
        {
            Services = [.. Services.Concat(Services.Where(s => !s.Contains('@'))
                .SelectMany(s => (endpointsByService.GetValueOrDefault(s) ?? []).Select(endpoint => $"{s}@{endpoint}")))
                .Distinct()],
        };

    public override string ToString() =>
        string.Join(", ", (Orchestrator ? ["orchestrator"] : Array.Empty<string>()).Concat(Services.Select(s => $"service {s}")));
}
