namespace Sagas.Definitions.Policies;

/// <summary>The outcome of loading a <c>policies.yaml</c>: the policies, or every error found in it.</summary>
public sealed record PolicyLoadResult(string File, PolicyFile? Policies, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Policies is not null && Errors.Count == 0;
}
