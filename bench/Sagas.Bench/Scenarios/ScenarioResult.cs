namespace Sagas.Bench.Scenarios;

/// <summary>The figures of one scenario, as latest.json carries them.</summary>
internal sealed record ScenarioResult
{
    public required string Name { get; init; }
    public required int Workflows { get; init; }
    public int Completed { get; init; }
    public int Failed { get; init; }
    public int Unfinished { get; init; }
    public long Steps { get; init; }
    public double Seconds { get; init; }
    public double WorkflowsPerSecond { get; init; }
    public double StepsPerSecond { get; init; }
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? E2eP50Ms { get; init; }
    public double? E2eP99Ms { get; init; }
    public Dictionary<string, double>? CpuSecondsPerStep { get; init; }
    public Dictionary<string, double>? PeakMemoryMb { get; init; }
    public double? OccRetriesPerStep { get; init; }
    public double? Efficiency { get; init; }
    public double? ArrivalRatePerSecond { get; init; }
    /// <summary>With analytics on: how old the oldest unprocessed event was, p99 of samples every 250 ms during the run.</summary>
    public double? AnalyticsLagP99Ms { get; init; }
    /// <summary>With analytics on: from the last workflow's end until the projection had processed every event.</summary>
    public double? AnalyticsCatchUpMs { get; init; }
    public double? OrchestratorMemoryMbAtTenth { get; init; }
    public double? OrchestratorMemoryMbAtEnd { get; init; }
    public double? PostgresBytesPerWorkflow { get; init; }
    /// <summary>The degraded-instance scenarios: each phase, the failures and retries, and how soon the orchestrator reacted.</summary>
    public DegradedFigures? Degraded { get; init; }
    /// <summary>Set when the scenario was measured apart from the rest of its report and merged into it (<c>--into-latest</c>).</summary>
    public DateTimeOffset? MeasuredAt { get; init; }
}
