using Microsoft.Extensions.Configuration;
using Sagas.Cli;
using Sagas.Cli.Definitions;
using Sagas.Cli.Setup;
using Sagas.Definitions.Building;

namespace Sagas.Cli.Commands;

/// <summary>
/// The <c>sagas</c> command line. A user's mistake ends in one line on stderr and a non-zero
/// exit code; a stack trace is printed only for a fault of Sagas itself, and only with SAGAS_DEBUG=1.
/// </summary>
public static class SagasCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null)
    {
        var context = new CliContext(output, error, configuration ?? SettingsLoader.BuildConfiguration());
        var root = BuildCommands(context);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var command = string.Join(' ', CommandPath(parse));
            await error.WriteLineAsync($"sagas: {MostUseful(parse)} (see '{command} --help')");
            return ExitCodes.UserError;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UserErrorException e)
        {
            await error.WriteLineAsync($"sagas: {e.Message}");
            return ExitCodes.UserError;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await error.WriteLineAsync($"sagas: internal error: {e.Message} (set SAGAS_DEBUG=1 for details)");
            if (Environment.GetEnvironmentVariable("SAGAS_DEBUG") == "1")
            {
                await error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.InternalError;
        }
    }

    private static RootCommand BuildCommands(CliContext context)
    {
        var definitions = new Command("definitions", "Validate and list workflow definitions")
        {
            ValidateDefinitionsCommand.Create(context),
            ListDefinitionsCommand.Create(context),
            SchemaCommand.Create(context),
        };

        var errors = new Command("errors", "Inspect and replay the messages of the error and skipped queues")
        {
            Errors.ListErrorsCommand.Create(context),
            Errors.ShowErrorCommand.Create(context),
            Errors.ReplayErrorsCommand.Create(context),
        };

        var analytics = new Command("analytics", "Look after the analytics views")
        {
            Analytics.RebuildAnalyticsCommand.Create(context),
        };

        var workflows = new Command("workflows", "List and search workflows")
        {
            Workflows.ListWorkflowsCommand.Create(context),
        };

        return new RootCommand("Sagas: workflow orchestration over RabbitMQ and PostgreSQL")
        {
            definitions,
            errors,
            workflows,
            analytics,
            SetupCommand.Create(context),
            Node.RunCommand.Create(context),
            Workflows.StartCommand.Create(context),
            Workflows.StatusCommand.Create(context),
            Workflows.HistoryCommand.Create(context),
            Workflows.CancelCommand.Create(context),
            Workflows.RetryCommand.Create(context),
            Workflows.SignalCommand.Create(context),
            Nodes.NodesCommand.Create(context),
            Nodes.ServicesCommand.Create(context),
            Nodes.DoctorCommand.Create(context),
            Stats.StatsCommand.Create(context),
        };
    }

    // A mistyped command also leaves "required command was not provided"; the typo is the news.
    private static string MostUseful(ParseResult parse)
    {
        if (parse.UnmatchedTokens.FirstOrDefault() is { } unknown)
        {
            var candidates = parse.CommandResult.Command.Subcommands.Select(c => c.Name)
                .Concat(parse.CommandResult.Command.Options.Select(o => o.Name));
            return $"unknown command or option '{unknown}'{Suggestion.DidYouMean(unknown, candidates)}";
        }

        return parse.Errors[0].Message.TrimEnd('.');
    }

    /// <summary>"sagas definitions validate" for the command a parse stopped in, for the help hint.</summary>
    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Parent is null ? "sagas" : result.Command.Name);
        }

        return names;
    }
}
