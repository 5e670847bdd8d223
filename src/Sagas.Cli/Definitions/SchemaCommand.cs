using Sagas.Definitions.Schema;

namespace Sagas.Cli.Definitions;

/// <summary>
/// <c>sagas definitions schema [--policies]</c>: prints the JSON Schema of definition files (or of
/// the policy file), to save beside them for an editor's YAML language server.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var policies = new Option<bool>("--policies") { Description = "The schema of the policy file (policies.yaml) instead" };
        var command = new Command("schema", "Print the JSON Schema of definition files, for editors") { policies };
        command.SetAction(parse =>
        {
            context.Output.Write(parse.GetValue(policies) ? DefinitionSchemas.Policies : DefinitionSchemas.Definition);
            return ExitCodes.Success;
        });
        return command;
    }
}
