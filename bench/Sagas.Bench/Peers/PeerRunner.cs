using System.Diagnostics;
using Npgsql;
using Sagas.Bench.Observation;
using Sagas.Bench.Scenarios;

namespace Sagas.Bench.Peers;

/// <summary>
/// Runs a peer (<see cref="BenchPeer"/>) the way <see cref="ScenarioRunner"/> runs linear-5: the
/// peer's process and the real noop worker (both in the peers' vhost and database), warmed in
/// untimed rounds of a tenth (<see cref="WarmUp"/>), then the starts flat out, heard by the same
/// <see cref="CompletionListener"/>.
/// </summary>
internal sealed class PeerRunner(BenchSettings settings)
{
    // A peer runs a fixed five-step workflow whatever the start names; the name is only echoed back.
    private const string Definition = "linear-5";
    private const int StepsPerWorkflow = 5;

    public async Task<PeerResult> RunAsync(BenchPeer subject, int workflows)
    {
        var peers = settings.ForPeers();
        var logs = Path.Combine(settings.ResultsPath, "logs");
        Directory.CreateDirectory(logs);
        await DropPeerQueuesAsync(peers);
        await using var worker = await NodeProcess.StartAsync(peers, Path.Combine(logs, $"{subject.Name}-worker.log"), policies: null, analytics: false, "--worker", "noop");
        await using var peer = await NodeProcess.StartPeerAsync(peers, subject.Dll, Path.Combine(logs, $"{subject.Name}.log"));
        await WipeAsync(peers, subject);
        await using var listener = await CompletionListener.StartAsync(peers);
        await using var load = await StartLoad.ConnectAsync(peers);

        await WarmUp.RunAsync(settings, "workflow", async () =>
        {
            var warmup = await load.FlatOutAsync(Definition, Math.Max(5, workflows / 10), ScenarioPlan.NoInput);
            await listener.WaitForAsync(warmup.Keys, quiet: TimeSpan.FromSeconds(30));
            await WipeAsync(peers, subject);
            return warmup.Count;
        }, peer.Pid, worker.Pid);

        var cpu = new CpuMeter(new Dictionary<string, int?> { ["peer"] = peer.Pid, ["worker"] = worker.Pid });
        cpu.Start();
        var begin = Stopwatch.GetTimestamp();
        var started = await load.FlatOutAsync(Definition, workflows, ScenarioPlan.NoInput);
        await listener.WaitForAsync(started.Keys, quiet: TimeSpan.FromSeconds(30));

        var ended = started.Keys.Where(listener.Ended.ContainsKey).Select(id => (Id: id, End: listener.Ended[id])).ToList();
        var last = ended.Count == 0 ? Stopwatch.GetTimestamp() : ended.Max(e => e.End.At);
        var seconds = Stopwatch.GetElapsedTime(begin, last).TotalSeconds;
        var cpuUsed = cpu.Stop();
        var steps = (long)StepsPerWorkflow * ended.Count;
        var e2e = ended.Select(e => Stopwatch.GetElapsedTime(started[e.Id], e.End.At).TotalMilliseconds).ToList();

        return new PeerResult
        {
            Name = subject.Name,
            Workflows = started.Count,
            Completed = ended.Count(e => e.End.Completed),
            Failed = ended.Count(e => !e.End.Completed),
            Unfinished = started.Count - ended.Count,
            Steps = steps,
            Seconds = Math.Round(seconds, 3),
            WorkflowsPerSecond = Math.Round(ended.Count / seconds, 1),
            StepsPerSecond = Math.Round(steps / seconds, 1),
            E2eP50Ms = Percentiles.Of(e2e, 50),
            E2eP99Ms = Percentiles.Of(e2e, 99),
            CpuMsPerStep = cpuUsed.ToDictionary(c => c.Key, c => steps == 0 ? 0 : Math.Round(c.Value * 1000 / steps, 3)),
            PeakMemoryMb = new()
            {
                ["peer"] = Math.Round(ProcessUsage.PeakMemoryMb(peer.Pid), 1),
                ["worker"] = Math.Round(ProcessUsage.PeakMemoryMb(worker.Pid), 1),
            },
        };
    }

    // Each timed run starts on an empty table, as the Sagas scenarios do.
    private static async Task WipeAsync(BenchSettings peers, BenchPeer subject)
    {
        await using var connection = new NpgsqlConnection(peers.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"truncate {subject.Table}", connection);
        await command.ExecuteNonQueryAsync();
    }

    // The peers share the vhost and the worker's result exchanges: a queue another peer bound in an
    // earlier run would collect this run's results (and this peer's own would still hold an old
    // run's). MassTransit binds a queue through an exchange of the same name, which goes too
    // (deleting an exchange that is not there is no error). The peer about to run declares its
    // own again when it starts.
    private async Task DropPeerQueuesAsync(BenchSettings peers)
    {
        await using var connection = await Broker.ConnectAsync(peers, "sagas bench peer cleanup");
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in BenchPeer.All(settings).SelectMany(p => p.OwnQueues))
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            await channel.ExchangeDeleteAsync(queue, ifUnused: false);
        }
    }
}
