namespace Sagas.Bench.Observation;

/// <summary>
/// CPU seconds each part used between <see cref="Start"/> and <see cref="Stop"/>, per process:
/// the bench's own processes by name (<c>orchestrator</c>, <c>worker</c>, <c>peer</c>; one not
/// running counts zero), RabbitMQ and PostgreSQL. A process that appears meanwhile counts from
/// zero; one that ended meanwhile is missed, so the PostgreSQL figure (backends come and go) is a floor.
/// </summary>
internal sealed class CpuMeter(IReadOnlyDictionary<string, int?> processes)
{
    private Dictionary<string, Dictionary<int, double>> _start = [];

    public void Start() => _start = Read();

    public Dictionary<string, double> Stop() =>
        Read().ToDictionary(
            part => part.Key,
            part => Math.Round(part.Value.Sum(p => Math.Max(0, p.Value - _start.GetValueOrDefault(part.Key)?.GetValueOrDefault(p.Key) ?? 0)), 3));

    private Dictionary<string, Dictionary<int, double>> Read()
    {
        var parts = processes.ToDictionary(p => p.Key, p => Of(p.Value is { } pid ? [pid] : []));
        parts["rabbitmq"] = Of(ProcessUsage.Named("beam.smp"));
        parts["postgres"] = Of(ProcessUsage.Named("postgres"));
        return parts;
    }

    private static Dictionary<int, double> Of(IEnumerable<int> pids) => pids.ToDictionary(pid => pid, ProcessUsage.CpuSeconds);
}
