using System.Text;

namespace Sagas.Workers.Instances;

/// <summary>
/// One service hosted on one node: it joins an <see cref="Endpoint"/> (a named group of instances;
/// by default the service's own name) and consumes its own <see cref="Queue"/>, so an orchestrator
/// can send a step to this instance alone, besides the endpoint's and the service's shared queues.
/// </summary>
public sealed record ServiceInstance(string Service, string Endpoint, string Queue)
{
    /// <summary>
    /// The instances of a node's <c>--worker</c> entries: <c>SERVICE</c> joins the service's own
    /// endpoint, <c>SERVICE@ENDPOINT</c> joins (or starts) that one. Each instance's queue is its
    /// endpoint's name and the node's id, readable in the management UI.
    /// </summary>
    public static IReadOnlyList<ServiceInstance> For(string nodeId, IEnumerable<string> entries) =>
        [.. entries
            .Select(entry => entry.Split('@', 2) is [var service, var endpoint] ? (service, endpoint) : (entry, entry))
            .Distinct()
            .Select(e => new ServiceInstance(e.Item1, e.Item2, $"{e.Item2}.{QueueSafe(nodeId)}"))];

    /// <summary>The queues it consumes: its own, its endpoint's, and the service's shared one.</summary>
    public IEnumerable<string> Queues => new[] { Queue, Endpoint, Service }.Distinct(StringComparer.Ordinal);

    // RabbitMQ takes nearly anything, MassTransit's endpoint names fewer: lower-case letters, digits and '-'.
    private static string QueueSafe(string nodeId)
    {
        var safe = new StringBuilder(nodeId.Length);
        foreach (var c in nodeId.ToLowerInvariant())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return safe.ToString();
    }
}
