using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;

namespace Sagas.Cli.Node;

/// <summary>The files a node reads before it starts, its definitions and its policies: every error is reported at once.</summary>
internal static class NodeFiles
{
    /// <summary>The policy file must be valid before a node starts.</summary>
    public static PolicyFile LoadPolicies(SagasSettings settings)
    {
        var configured = settings.Policies.Path;
        if (configured == PoliciesSettings.None)
        {
            return PolicyFile.Empty;
        }

        var path = string.IsNullOrWhiteSpace(configured)
            ? Directory.Exists(settings.Definitions.ResolvedPath) ? DefinitionSet.PolicyFileIn(settings.Definitions.ResolvedPath) : null
            : Path.GetFullPath(configured);
        if (path is null)
        {
            return PolicyFile.Empty;
        }

        var loaded = new PolicyFileLoader(settings.Definitions.Limits).LoadFile(path);
        return loaded.Policies is { } policies && loaded.IsValid
            ? policies
            : throw new UserErrorException(
                $"the policies in {path} are invalid (setting Sagas:Policies:Path); fix them and start again:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", loaded.Errors)}");
    }

    /// <summary>Every definition must be valid before a node starts; what the policies say of them is a warning.</summary>
    public static DefinitionCatalog LoadDefinitions(DefinitionsSettings settings, PolicyFile policies)
    {
        var folder = settings.ResolvedPath;
        if (!Directory.Exists(folder))
        {
            throw new UserErrorException($"definitions folder '{folder}' does not exist (setting Sagas:Definitions:Path)");
        }

        var loaded = DefinitionSet.LoadFolder(folder, new DefinitionLoader(settings.Limits));
        if (!loaded.IsValid)
        {
            throw new UserErrorException(
                $"the definitions in {folder} are invalid; fix them and start again:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", loaded.Errors)}");
        }

        foreach (var warning in PolicyReferenceRules.Check(policies, loaded.Catalog.AllVersions()))
        {
            // A running node forgives what 'sagas definitions validate' refuses: a policy naming
            // an unknown service is reverted, with an event, when a workflow meets it.
            Console.Error.WriteLine($"warning: {warning}");
        }

        return loaded.Catalog;
    }
}
