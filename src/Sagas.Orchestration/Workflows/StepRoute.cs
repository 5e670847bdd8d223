namespace Sagas.Orchestration.Workflows;

/// <summary>
/// Where a step's attempts go: the service (its own, or the alternate it failed over to), the
/// endpoint of the latest dispatch, and the first attempt on this service, from which its retry
/// policy counts.
/// </summary>
/// <paramref name="Probe"/>: the latest dispatch is its service's half-open probe, whose result alone closes or reopens the circuit.
public sealed record StepRoute(string Service, string? Endpoint, int FirstAttempt, bool Probe = false)
{
    /// <summary>The instance queue of the latest dispatch, when discovery chose one: its result is that instance's observation.</summary>
    public string? Instance { get; init; }

    /// <summary>When the latest attempt was sent: with its result's arrival, the latency that adaptation observes.</summary>
    public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>The route after a dispatch: on the same service it keeps its first attempt, on another it starts again.</summary>
    public static StepRoute After(Journal.StepDispatched dispatched, StepRoute? before)
    {
        var route = before is not null && before.Service == dispatched.Service
            ? before with { Endpoint = dispatched.Endpoint, Probe = dispatched.Probe }
            : new StepRoute(dispatched.Service, dispatched.Endpoint, dispatched.Attempt, dispatched.Probe);
        return route with { Instance = dispatched.Instance, DispatchedAt = dispatched.DispatchedAt };
    }
}
