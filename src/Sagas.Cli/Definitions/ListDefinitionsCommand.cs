using Sagas.Definitions.Loading;

namespace Sagas.Cli.Definitions;

/// <summary>
/// <c>sagas definitions list</c>: the definitions a node would load from
/// <c>Sagas:Definitions:Path</c>; invalid files are reported and make the exit code non-zero.
/// </summary>
internal static class ListDefinitionsCommand
{
    public static Command Create(CliContext context)
    {
        var path = new Option<string?>("--path") { Description = "Definitions folder (default: setting Sagas:Definitions:Path)" };
        var json = new Option<bool>("--json") { Description = "Write the list as JSON" };
        var command = new Command("list", "List the workflow definitions a node loads") { path, json };
        command.SetAction(parse => Run(context, parse.GetValue(path), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, bool json)
    {
        var settings = context.Settings.Definitions;
        var folder = path is null ? settings.ResolvedPath : Path.GetFullPath(path);
        if (!Directory.Exists(folder))
        {
            throw new UserErrorException($"definitions folder '{folder}' does not exist (set --path or Sagas:Definitions:Path)");
        }

        var result = DefinitionSet.LoadFolder(folder, new DefinitionLoader(settings.Limits));
        var definitions = result.Catalog.AllVersions().Select(DefinitionSummary.Of).ToList();
        if (json)
        {
            JsonOutput.Write(context.Output, new DefinitionList(folder, definitions, [.. result.Errors.Select(ErrorSummary.Of)]));
        }
        else
        {
            WriteTable(context.Output, folder, definitions);
            foreach (var error in result.Errors)
            {
                context.Error.WriteLine(error);
            }
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Invalid;
    }

    private static void WriteTable(TextWriter output, string folder, List<DefinitionSummary> definitions)
    {
        output.WriteLine($"Definitions in {folder}:");
        TextTable.Write(
            output,
            ["ID", "VERSION", "STEPS", "SERVICES", "HASH", "FILE"],
            definitions.Select(d => new[]
            {
                d.Id,
                $"v{d.Version}",
                d.Steps.Count.ToString(),
                string.Join(",", d.Steps.SelectMany(s => s.Cases?.Values.Prepend(s.Service) ?? [s.Service]).Distinct()),
                d.Hash[..12],
                Path.GetFileName(d.File),
            }));

        if (definitions.Count == 0)
        {
            output.WriteLine("(none)");
        }
    }
}

/// <summary>What <c>definitions list --json</c> writes.</summary>
internal sealed record DefinitionList(string Path, IReadOnlyList<DefinitionSummary> Definitions, IReadOnlyList<ErrorSummary> Errors);
