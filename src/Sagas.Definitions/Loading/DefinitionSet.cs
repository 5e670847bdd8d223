using Sagas.Definitions.Policies;

namespace Sagas.Definitions.Loading;

/// <summary>
/// Loads a set of definition files into one catalog: a folder's files (not its subfolders),
/// or the files a person named. Two files declaring the same id and version with different
/// content are an error naming both.
/// </summary>
public static class DefinitionSet
{
    /// <summary>The definition files directly inside a folder, in name order; the policy file is not one.</summary>
    public static IReadOnlyList<string> FilesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(f => DefinitionLoader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !IsPolicyFile(f))
            .Order(StringComparer.Ordinal)];

    /// <summary>The policy file beside the definitions in a folder (the first of <see cref="PolicyFileLoader.FileNames"/> there), or null.</summary>
    public static string? PolicyFileIn(string folder)
    {
        var files = Directory.EnumerateFiles(folder).Where(IsPolicyFile).ToList();
        return PolicyFileLoader.FileNames
            .Select(name => files.FirstOrDefault(f => Path.GetFileName(f) == name))
            .FirstOrDefault(f => f is not null);
    }

    /// <summary>Whether a file's name makes it a policy file rather than a definition.</summary>
    public static bool IsPolicyFile(string path) => PolicyFileLoader.FileNames.Contains(Path.GetFileName(path), StringComparer.Ordinal);

    public static DefinitionSetLoad LoadFolder(string folder, DefinitionLoader loader)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"definitions folder '{folder}' does not exist (setting Sagas:Definitions:Path)");
        }

        return Load(FilesIn(folder), loader);
    }

    public static DefinitionSetLoad Load(IEnumerable<string> files, DefinitionLoader loader)
    {
        var catalog = new DefinitionCatalog();
        var results = new List<DefinitionLoadResult>();
        foreach (var file in files)
        {
            var result = loader.LoadFile(file);
            if (result.Definition is { } definition
                && catalog.Find(definition.Id, definition.Version) is { } earlier
                && earlier.Source.ContentHash != definition.Source.ContentHash)
            {
                result = result with
                {
                    Definition = null,
                    Errors = [new DefinitionError(file, 1, 0, null, ErrorCodes.DuplicateDefinition,
                        $"'{definition.Id}' version {definition.Version} is also defined, differently, in {earlier.Source.File}; give one of them a new version")],
                };
            }

            if (result.Definition is not null)
            {
                catalog.Register(result.Definition);
            }

            results.Add(result);
        }

        // A definition refused for its children leaves the catalog: it is built again without it.
        var checkedResults = results.Select(r => WithChildrenKnown(r, catalog)).ToList();
        var final = new DefinitionCatalog();
        foreach (var definition in checkedResults.Select(r => r.Definition).OfType<Model.WorkflowDefinition>())
        {
            final.Register(definition);
        }

        return new DefinitionSetLoad(checkedResults, final);
    }

    // A step's child workflow must be one of the set's definitions; a definition naming one that is
    // not is refused (and taken out of the catalog), with the file, line and step.
    private static DefinitionLoadResult WithChildrenKnown(DefinitionLoadResult result, DefinitionCatalog catalog)
    {
        if (result.Definition is not { } definition)
        {
            return result;
        }

        var unknown = definition.Steps.Where(s => s.Child is { } child && catalog.Latest(child.Definition) is null).ToList();
        if (unknown.Count == 0)
        {
            return result;
        }

        var known = string.Join(", ", catalog.LatestVersions().Select(d => d.Id).Order(StringComparer.Ordinal));
        return result with
        {
            Definition = null,
            Errors = [.. unknown.Select(s => new DefinitionError(result.File, s.Child!.Line, 0, s.Id, ErrorCodes.UnknownWorkflow,
                $"the step starts workflow '{s.Child.Definition}', which no file here defines (known: {(known.Length == 0 ? "none" : known)})"))],
        };
    }
}
