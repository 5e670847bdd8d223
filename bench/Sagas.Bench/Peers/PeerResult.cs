namespace Sagas.Bench.Peers;

/// <summary>
/// The figures of one peer, as latest.json carries them under <c>peers</c>. CPU is in ms per
/// step, by process (<c>peer</c>, <c>worker</c>, <c>rabbitmq</c>, <c>postgres</c>).
/// </summary>
internal sealed record PeerResult
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
    public double? E2eP50Ms { get; init; }
    public double? E2eP99Ms { get; init; }
    public Dictionary<string, double>? CpuMsPerStep { get; init; }
    public Dictionary<string, double>? PeakMemoryMb { get; init; }

    /// <summary>Sagas' linear-5 steps/s over the peer's (above 1: Sagas carries more); null when linear-5 did not run.</summary>
    public double? SagasRatio { get; init; }

    public PeerResult ComparedWith(double? sagasLinear5StepsPerSecond) => this with
    {
        SagasRatio = sagasLinear5StepsPerSecond is { } sagas && StepsPerSecond > 0 ? Math.Round(sagas / StepsPerSecond, 3) : null,
    };
}
