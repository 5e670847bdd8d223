using System.CommandLine;
using Sagas.Definitions.Loading;

namespace Sagas.Cli.Definitions;

/// <summary><c>sagas definitions validate PATH…</c>: every error of every file; exit 0 only if all are valid.</summary>
internal static class ValidateDefinitionsCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Definition files (.yaml, .yml, .json) or folders holding them",
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON" };
        var command = new Command("validate", "Validate workflow definitions without a broker or database") { paths, json };
        command.SetAction(parse => Run(context, parse.GetValue(paths) ?? [], parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, bool json)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? DefinitionSet.FilesIn(p) : [p]).ToList();
        if (files.Count == 0)
        {
            throw new UserErrorException($"no definition files ({string.Join(", ", DefinitionLoader.Extensions)}) in {string.Join(", ", paths)}");
        }

        var loader = new DefinitionLoader(context.Settings.Definitions.Limits);
        var result = DefinitionSet.Load(files, loader);
        if (json)
        {
            JsonOutput.Write(context.Output, ValidationReport.Of(result));
        }
        else
        {
            WriteText(context.Output, result);
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static void WriteText(TextWriter output, DefinitionSetLoad result)
    {
        foreach (var file in result.Files)
        {
            if (file.Definition is { } definition)
            {
                output.WriteLine($"ok    {file.File}: {definition.Id} v{definition.Version}, {definition.Steps.Count} steps, hash {definition.Source.ShortHash}");
                continue;
            }

            output.WriteLine($"FAIL  {file.File}: {file.Errors.Count} error{(file.Errors.Count == 1 ? string.Empty : "s")}");
            foreach (var error in file.Errors)
            {
                output.WriteLine($"      {error}");
            }
        }

        var invalid = result.Files.Count(f => !f.IsValid);
        output.WriteLine(invalid == 0
            ? $"{result.Files.Count} valid, 0 invalid"
            : $"{result.Files.Count - invalid} valid, {invalid} invalid");
    }
}
