namespace Sagas.Definitions.Loading;

/// <summary>Each file's result, and a catalog of the valid definitions.</summary>
public sealed record DefinitionSetLoad(IReadOnlyList<DefinitionLoadResult> Files, DefinitionCatalog Catalog)
{
    public IEnumerable<DefinitionError> Errors => Files.SelectMany(f => f.Errors);

    public bool IsValid => Files.All(f => f.IsValid);
}
