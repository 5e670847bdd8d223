namespace Sagas.Orchestration.Workflows;

/// <summary>
/// Where a step's attempts go: the service (its own, or the alternate it failed over to), the
/// endpoint of the latest dispatch, and the first attempt on this service, from which its retry
/// policy counts.
/// </summary>
/// <paramref name="Probe"/>: the latest dispatch is its service's half-open probe, whose result alone closes or reopens the circuit.
public sealed record StepRoute(string Service, string? Endpoint, int FirstAttempt, bool Probe = false);
