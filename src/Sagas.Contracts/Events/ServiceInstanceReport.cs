namespace Sagas.Contracts.Events;

/// <summary>
/// One service instance a worker node hosts, as its heartbeat registers it: where to send it
/// steps, how much it takes at once, what its health check says, and how its last minute went.
/// </summary>
public sealed record ServiceInstanceReport
{
    public required string Service { get; init; }

    /// <summary>The endpoint (group of instances) it joined: the service's own name, or one like <c>payment-eu-2</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Its own queue: steps routed to this instance alone.</summary>
    public required string Queue { get; init; }

    /// <summary>Steps it runs at once (its prefetch).</summary>
    public required int Capacity { get; init; }

    /// <summary>The version of the code that serves it.</summary>
    public required string Version { get; init; }

    /// <summary><c>healthy</c>, <c>degraded</c> or <c>unhealthy</c>, as its health check said (<c>healthy</c> when it has none).</summary>
    public required string Health { get; init; }

    /// <summary>Why it is not healthy; null when it is.</summary>
    public string? Problem { get; init; }

    /// <summary>Steps and undos it is running now.</summary>
    public int InFlight { get; init; }

    /// <summary>Steps and undos it finished in the last minute, and how many of them failed.</summary>
    public int Calls { get; init; }

    public int Failures { get; init; }

    /// <summary>Handling time over the last minute; null without calls.</summary>
    public double? LatencyP50Ms { get; init; }

    public double? LatencyP99Ms { get; init; }
}
