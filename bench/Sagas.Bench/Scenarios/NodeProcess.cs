using System.Diagnostics;

namespace Sagas.Bench.Scenarios;

/// <summary>A Sagas node in its own process (`sagas run …`), exactly as in production.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamWriter _log;
    private int _retries;

    private NodeProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    /// <summary>Optimistic-concurrency retries the node has logged so far.</summary>
    public int Retries => Volatile.Read(ref _retries);

    public static async Task<NodeProcess> StartAsync(BenchSettings settings, string logFile, string? policies, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(settings.CliDll);
        start.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Sagas__Definitions__Path"] = settings.DefinitionsPath;
        start.Environment["Sagas__RabbitMq__VirtualHost"] = settings.RabbitVirtualHost;
        start.Environment["Sagas__Postgres__ConnectionString"] = settings.PostgresConnectionString;
        start.Environment["Sagas__RabbitMq__PrefetchCount"] = settings.PrefetchCount.ToString();
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        // Without a scenario's own policies, none: the other scenarios measure the engine bare.
        start.Environment["Sagas__Policies__Path"] = policies ?? "none";

        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var node = new NodeProcess(Process.Start(start)!, log);
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
            throw new InvalidOperationException($"the node ({string.Join(' ', arguments)}) did not start; see {logFile}");
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

        if (line.Contains("sagas node running", StringComparison.Ordinal))
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
