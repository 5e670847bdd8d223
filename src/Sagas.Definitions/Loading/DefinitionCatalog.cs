using System.Collections.Concurrent;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Loading;

/// <summary>
/// Every definition version a node has seen, by content hash. New starts use the latest
/// version of an id; a running instance finds the exact version it started with by its hash,
/// even after the file has changed.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WorkflowDefinition> _latestById = new(StringComparer.Ordinal);

    /// <summary>Adds a definition. The newest registration of the highest version becomes the latest.</summary>
    public void Register(WorkflowDefinition definition)
    {
        _byHash.TryAdd(definition.Source.ContentHash, definition);
        _latestById.AddOrUpdate(
            definition.Id,
            definition,
            (_, current) => definition.Version >= current.Version ? definition : current);
    }

    public WorkflowDefinition? Latest(string id) => _latestById.GetValueOrDefault(id);

    public WorkflowDefinition? ByHash(string contentHash) => _byHash.GetValueOrDefault(contentHash);

    /// <summary>The most recently registered definition with this id and version, or null.</summary>
    public WorkflowDefinition? Find(string id, int version) =>
        Latest(id) is { } latest && latest.Version == version
            ? latest
            : _byHash.Values.Where(d => d.Id == id && d.Version == version).FirstOrDefault();

    /// <summary>The latest version of each id, ordered by id.</summary>
    public IReadOnlyList<WorkflowDefinition> LatestVersions() => [.. _latestById.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>Every version seen, ordered by id then version.</summary>
    public IReadOnlyList<WorkflowDefinition> AllVersions() =>
        [.. _byHash.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Version)];
}
