using Microsoft.Extensions.Configuration;
using Sagas.Cli;
using Sagas.Cli.Commands;

namespace Sagas.Cli.Tests;

/// <summary>Runs the CLI in-process, capturing what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Of(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(args, output, error, configuration);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliRun> Of(params string[] args) => Of(null, args);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
