namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Where an attempt goes, and why: the services it failed over through on the way
/// (<see cref="Hops"/>), then one outcome: dispatched, waiting for a slot under limits or its turn under an adaptive
/// limit, waiting for a circuit to half-open, waiting for a healthy instance, or not sent because the circuit's policy is to fail fast. A broken
/// alternates policy met on the way is in <see cref="Violations"/>, to be recorded before the hops.
/// </summary>
public abstract record RouteDecision(IReadOnlyList<RouteHop> Hops)
{
    public IReadOnlyList<Policies.PolicyViolation> Violations { get; init; } = [];

    /// <summary>Sent to <paramref name="Service"/> (on <paramref name="Endpoint"/> when it has several), as its circuit's probe or not.</summary>
    public sealed record Dispatch(IReadOnlyList<RouteHop> Hops, string Service, string? Endpoint, string? Balancing, bool Probe) : RouteDecision(Hops)
    {
        /// <summary>The one instance's queue discovery chose; null when the service has no registered instance (its shared queue).</summary>
        public string? Instance { get; init; }
    }

    /// <summary>Waits for a healthy instance of <paramref name="Service"/>, looking again at <paramref name="Until"/>.</summary>
    public sealed record WaitForInstance(IReadOnlyList<RouteHop> Hops, string Service, DateTimeOffset Until, string Reason) : RouteDecision(Hops);

    /// <summary>Waits its turn under the adaptive concurrency limit of <paramref name="Service"/> on this orchestrator, looking again by itself at <paramref name="Until"/>.</summary>
    public sealed record WaitForCapacity(IReadOnlyList<RouteHop> Hops, string Service, DateTimeOffset Until, string Reason) : RouteDecision(Hops);

    /// <summary>Waits for a slot under the limits of <paramref name="Service"/>.</summary>
    public sealed record WaitForSlot(IReadOnlyList<RouteHop> Hops, string Service, string Reason) : RouteDecision(Hops);

    /// <summary>Waits for the circuit of <paramref name="Service"/> to half-open at <paramref name="Until"/>.</summary>
    public sealed record WaitForCircuit(IReadOnlyList<RouteHop> Hops, string Service, DateTimeOffset Until, string Reason) : RouteDecision(Hops);

    /// <summary>Not sent: the circuit is open and its policy is to fail fast.</summary>
    public sealed record FailFast(IReadOnlyList<RouteHop> Hops, string Reason) : RouteDecision(Hops);
}

/// <summary>A failover on the way: from one service to the next alternate, and why.</summary>
public sealed record RouteHop(string From, string To, string Reason);
