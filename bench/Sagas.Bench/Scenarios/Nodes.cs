namespace Sagas.Bench.Scenarios;

/// <summary>The processes a scenario runs against: an orchestrator node and, unless idle, a worker node.</summary>
internal sealed class Nodes(NodeProcess orchestrator, NodeProcess? worker) : IAsyncDisposable
{
    public NodeProcess Orchestrator { get; } = orchestrator;

    public NodeProcess? Worker { get; } = worker;

    /// <summary>Both nodes follow <paramref name="policies"/> (a policies.yaml), or none; the orchestrator runs the analytics only when asked.</summary>
    public static async Task<Nodes> StartAsync(BenchSettings settings, string name, bool withWorker, string? policies = null, bool analytics = false)
    {
        var logs = Path.Combine(settings.ResultsPath, "logs");
        Directory.CreateDirectory(logs);
        var orchestrator = await NodeProcess.StartAsync(settings, Path.Combine(logs, $"{name}-orchestrator.log"), policies, analytics, "--orchestrator");
        var worker = withWorker ? await NodeProcess.StartAsync(settings, Path.Combine(logs, $"{name}-worker.log"), policies, analytics, "--worker", "noop") : null;
        return new Nodes(orchestrator, worker);
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.DisposeAsync();
        }

        await Orchestrator.DisposeAsync();
    }
}
