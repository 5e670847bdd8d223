namespace Sagas.Analytics.Health;

/// <summary>The node the analytics run in, as its heartbeats name it, and the meter they report on.</summary>
public sealed record AnalyticsNode(string Name)
{
    /// <summary>The meter every Sagas instrument is on (the orchestrator's and the analytics').</summary>
    public const string MeterName = Contracts.Telemetry.SagasTelemetry.Name;
}
