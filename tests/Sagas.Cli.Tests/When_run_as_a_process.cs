using System.Diagnostics;

namespace Sagas.Cli.Tests;

/// <summary>The real executable, as a user runs it: exit codes and streams as a shell sees them.</summary>
public sealed class When_run_as_a_process : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Validate_exits_non_zero_for_a_bad_file_and_prints_its_line()
    {
        var file = _folder.Write("cycle.yaml", """
            id: cycle
            version: 1
            steps:
              - id: a
                service: s
                depends_on: [b]
              - id: b
                service: s
                depends_on: [a]
            """);

        var (exitCode, output, error) = await Run("definitions", "validate", file);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Contains($"{file}:4:", output);
        Assert.Contains("dependency cycle: a -> b -> a", output);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Validate_exits_zero_for_the_samples()
    {
        var (exitCode, output, _) = await Run("definitions", "validate", Path.Combine(AppContext.BaseDirectory, "definitions"));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("order-fulfilment", output);
    }

    [Fact]
    public async Task A_usage_mistake_prints_one_line_on_stderr()
    {
        var (exitCode, output, error) = await Run("definitions", "vaildate");

        Assert.Equal(ExitCodes.UserError, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sagas.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => _folder.Dispose();
}
