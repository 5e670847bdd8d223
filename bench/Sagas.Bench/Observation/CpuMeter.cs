namespace Sagas.Bench.Observation;

/// <summary>
/// CPU seconds each part used between <see cref="Start"/> and <see cref="Stop"/>, per process:
/// a process that appears meanwhile counts from zero; one that ended meanwhile is missed, so
/// the PostgreSQL figure (backends come and go) is a floor.
/// </summary>
internal sealed class CpuMeter(int orchestratorPid, int? workerPid)
{
    private Dictionary<string, Dictionary<int, double>> _start = [];

    public void Start() => _start = Read();

    public Dictionary<string, double> Stop() =>
        Read().ToDictionary(
            part => part.Key,
            part => Math.Round(part.Value.Sum(p => Math.Max(0, p.Value - _start.GetValueOrDefault(part.Key)?.GetValueOrDefault(p.Key) ?? 0)), 3));

    private Dictionary<string, Dictionary<int, double>> Read() => new()
    {
        ["orchestrator"] = Of([orchestratorPid]),
        ["worker"] = Of(workerPid is { } worker ? [worker] : []),
        ["rabbitmq"] = Of(ProcessUsage.Named("beam.smp")),
        ["postgres"] = Of(ProcessUsage.Named("postgres")),
    };

    private static Dictionary<int, double> Of(IEnumerable<int> pids) => pids.ToDictionary(pid => pid, ProcessUsage.CpuSeconds);
}
