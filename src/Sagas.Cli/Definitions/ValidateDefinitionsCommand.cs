using Sagas.Definitions;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;

namespace Sagas.Cli.Definitions;

/// <summary>
/// <c>sagas definitions validate PATH…</c>: every error of every file, the policy file beside the
/// definitions (or named) included; exit 0 only if all are valid.
/// </summary>
internal static class ValidateDefinitionsCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Definition files (.yaml, .yml, .json), a policy file (policies.yaml) or folders holding them",
        };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON" };
        var command = new Command("validate", "Validate workflow definitions without a broker or database") { paths, json };
        command.SetAction(parse => Run(context, parse.GetValue(paths) ?? [], parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, bool json)
    {
        var definitionFiles = new List<string>();
        var policyFiles = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                definitionFiles.AddRange(DefinitionSet.FilesIn(path));
                if (DefinitionSet.PolicyFileIn(path) is { } policies)
                {
                    policyFiles.Add(policies);
                }
            }
            else
            {
                (DefinitionSet.IsPolicyFile(path) ? policyFiles : definitionFiles).Add(path);
            }
        }

        if (definitionFiles.Count + policyFiles.Count == 0)
        {
            throw new UserErrorException($"no definition files ({string.Join(", ", DefinitionLoader.Extensions)}) in {string.Join(", ", paths)}");
        }

        var limits = context.Settings.Definitions.Limits;
        var result = ValidatedFiles.Of(
            DefinitionSet.Load(definitionFiles, new DefinitionLoader(limits)),
            [.. policyFiles.Select(new PolicyFileLoader(limits).LoadFile)]);
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

    private static void WriteText(TextWriter output, ValidatedFiles result)
    {
        foreach (var file in result.Definitions)
        {
            if (file.Definition is { } definition)
            {
                output.WriteLine($"ok    {file.File}: {definition.Id} v{definition.Version}, {definition.Steps.Count} steps, hash {definition.Source.ShortHash}");
            }
            else
            {
                WriteFailure(output, file.File, file.Errors);
            }
        }

        foreach (var file in result.Policies)
        {
            if (file.Policies is { } policies)
            {
                output.WriteLine($"ok    {file.File}: policies ({policies.Services.Count} services, {policies.Workflows.Count} workflows)");
            }
            else
            {
                WriteFailure(output, file.File, file.Errors);
            }
        }

        output.WriteLine($"{result.Count - result.InvalidCount} valid, {result.InvalidCount} invalid");
    }

    private static void WriteFailure(TextWriter output, string file, IReadOnlyList<DefinitionError> errors)
    {
        output.WriteLine($"FAIL  {file}: {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}");
        foreach (var error in errors)
        {
            output.WriteLine($"      {error}");
        }
    }
}
