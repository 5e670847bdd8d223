using Sagas.Cli.Commands;

namespace Sagas.IntegrationTests.Engine;

/// <summary>The CLI as a user runs it, in process, against the services the engine node uses.</summary>
internal static class EngineCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(args, output, error, await TestServices.ConfigurationAsync());
        return (exitCode, output.ToString(), error.ToString());
    }
}
