using Sagas.Definitions.Loading;
using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;

namespace Sagas.Cli.Definitions;

/// <summary>
/// What <c>definitions validate</c> found: each definition file's result and each policy file's,
/// with the policy files' broken references to the definitions (unknown workflows and alternate
/// services) added to the file that holds them.
/// </summary>
internal sealed record ValidatedFiles(IReadOnlyList<DefinitionLoadResult> Definitions, IReadOnlyList<PolicyLoadResult> Policies)
{
    public int Count => Definitions.Count + Policies.Count;

    public int InvalidCount => Definitions.Count(f => !f.IsValid) + Policies.Count(f => !f.IsValid);

    public bool IsValid => InvalidCount == 0;

    public static ValidatedFiles Of(DefinitionSetLoad definitions, IReadOnlyList<PolicyLoadResult> policies)
    {
        // References only mean something against the definitions they govern: a policy file
        // validated on its own is checked for its shape alone.
        if (definitions.Files.Count == 0)
        {
            return new ValidatedFiles(definitions.Files, policies);
        }

        var loaded = definitions.Files.Select(f => f.Definition).OfType<WorkflowDefinition>().ToList();
        var broken = policies
            .Where(p => p.IsValid)
            .SelectMany(p => PolicyReferenceRules.Check(p.Policies!, loaded))
            .Distinct()
            .ToLookup(e => e.File, StringComparer.Ordinal);
        return new ValidatedFiles(
            [.. definitions.Files.Select(f => broken[f.File].Any() ? f with { Definition = null, Errors = [.. f.Errors, .. broken[f.File]] } : f)],
            [.. policies.Select(p => broken[p.File].Any() ? p with { Policies = null, Errors = [.. p.Errors, .. broken[p.File]] } : p)]);
    }
}
