using System.Diagnostics;
using Sagas.Cli.Node;
using Sagas.Cli.Settings;

namespace Sagas.IntegrationTests;

/// <summary>
/// A node as its own process (<c>dotnet sagas.dll run</c>), as in production, so a test can
/// kill it outright (SIGKILL: no shutdown, no flush).
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private NodeProcess(Process process) => _process = process;

    /// <summary>Starts <c>sagas run</c> (with <paramref name="roles"/>, e.g. <c>--orchestrator</c>) against these services, with extra settings, and waits until it runs.</summary>
    public static async Task<NodeProcess> StartAsync(SagasSettings services, IReadOnlyDictionary<string, string> settings, params string[] roles)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sagas.dll"));
        start.ArgumentList.Add("run");
        foreach (var role in roles)
        {
            start.ArgumentList.Add(role);
        }

        start.Environment["Sagas__RabbitMq__Host"] = services.RabbitMq.Host;
        start.Environment["Sagas__RabbitMq__Port"] = services.RabbitMq.Port.ToString();
        start.Environment["Sagas__RabbitMq__Username"] = services.RabbitMq.Username;
        start.Environment["Sagas__RabbitMq__Password"] = services.RabbitMq.Password;
        start.Environment["Sagas__RabbitMq__VirtualHost"] = services.RabbitMq.VirtualHost;
        start.Environment["Sagas__Postgres__ConnectionString"] = services.Postgres.ConnectionString;
        start.Environment["MASSTRANSIT_USAGE_TELEMETRY"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var node = new NodeProcess(Process.Start(start)!);
        node._process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();

        // Longer than the node's own start timeout, so a node that cannot start says why itself.
        using var timeout = new CancellationTokenSource(SagasBusRegistration.StartTimeout + TimeSpan.FromSeconds(30));
        var exited = node._process.WaitForExitAsync(timeout.Token);
#pragma warning disable VSTHRD003 // completed by the output reader
        var first = await Task.WhenAny(node._running.Task, exited);
#pragma warning restore VSTHRD003
        if (first != node._running.Task)
        {
            throw new Xunit.Sdk.XunitException($"the node did not start:{Environment.NewLine}{node.Output}");
        }

        return node;
    }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>SIGKILL, and waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("sagas node running", StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }
    }
}
