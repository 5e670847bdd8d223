using Sagas.Definitions.Model;

namespace Sagas.Definitions.Loading;

/// <summary>The outcome of loading one file: a definition, or every error found in it.</summary>
public sealed record DefinitionLoadResult(string File, WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}
