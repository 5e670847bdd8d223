using System.Diagnostics;

namespace Sagas.Bench.Scenarios;

/// <summary>
/// A Sagas node in its own process (`sagas run …`), exactly as in production, or a peer of the
/// bench (Sagas.Bench.Peers), pointed at the same broker and database settings the same way.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamWriter _log;
    private readonly string _readyLine;
    private int _retries;

    private NodeProcess(Process process, StreamWriter log, string readyLine)
    {
        _process = process;
        _log = log;
        _readyLine = readyLine;
    }

    public int Pid => _process.Id;

    /// <summary>Optimistic-concurrency retries the node has logged so far.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public static Task<NodeProcess> StartAsync(BenchSettings settings, string logFile, string? policies, bool analytics, params string[] arguments) =>
        StartAsync(settings, logFile, policies, analytics, new Dictionary<string, string>(), arguments);

    /// <summary>A node with settings of its own besides the bench's (<paramref name="environment"/>: one instance's simulation, say).</summary>
    public static Task<NodeProcess> StartAsync(
        BenchSettings settings, string logFile, string? policies, bool analytics, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = DotnetWith(settings, settings.CliDll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Sagas__Definitions__Path"] = settings.DefinitionsPath;
        // Without a scenario's own policies, none: the other scenarios measure the engine bare.
        start.Environment["Sagas__Policies__Path"] = policies ?? "none";
        start.Environment["Sagas__Analytics__Enabled"] = analytics ? "true" : "false";
        return LaunchAsync(start, logFile, "sagas node running", string.Join(' ', arguments));
    }

    /// <summary>A peer's process (<paramref name="dll"/>), which says "peer running" once its endpoints consume.</summary>
    public static Task<NodeProcess> StartPeerAsync(BenchSettings settings, string dll, string logFile) =>
        LaunchAsync(DotnetWith(settings, dll), logFile, "peer running", Path.GetFileName(dll));

    // The same Sagas__… variables for nodes and peers; the rest (host, credentials) they inherit.
    private static ProcessStartInfo DotnetWith(BenchSettings settings, string dll)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Sagas__RabbitMq__VirtualHost"] = settings.RabbitVirtualHost;
        start.Environment["Sagas__Postgres__ConnectionString"] = settings.PostgresConnectionString;
        start.Environment["Sagas__RabbitMq__PrefetchCount"] = settings.PrefetchCount.ToString();
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        return start;
    }

    private static async Task<NodeProcess> LaunchAsync(ProcessStartInfo start, string logFile, string readyLine, string description)
    {
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var node = new NodeProcess(Process.Start(start)!, log, readyLine);
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();

        // The ready signal is completed by the output reader; waiting on it here cannot deadlock.
#pragma warning disable VSTHRD003
        var started = await Task.WhenAny(node._ready.Task, node._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
#pragma warning restore VSTHRD003
        if (started != node._ready.Task)
        {
            throw new InvalidOperationException($"the process ({description}) did not start; see {logFile}");
        }

        return node;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        if (line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }

        if (line.Contains("R-RETRY", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _retries);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
