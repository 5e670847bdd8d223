namespace Sagas.Bench.Scenarios;

/// <summary>
/// What the degraded-instance scenarios add to a scenario's figures: end-to-end latency by phase
/// (healthy; one instance ten times slower; and another failing half its calls too), attempts
/// that failed and attempts that were retries, how long the orchestrator took to react to each
/// change (its first <c>AdaptationApplied</c> on that trigger after it), and the share of steps
/// each bad instance still got once it had gone bad.
/// </summary>
internal sealed record DegradedFigures(
    IReadOnlyDictionary<string, PhaseFigures> Phases,
    long FailedAttempts,
    long Retries,
    IReadOnlyDictionary<string, double?> ReactionSeconds,
    IReadOnlyDictionary<string, double?> BadInstanceShare);

/// <summary>The workflows started in one phase: how many, how many failed, and their end-to-end latency.</summary>
internal sealed record PhaseFigures(int Workflows, int Failed, double? E2eP50Ms, double? E2eP99Ms);
