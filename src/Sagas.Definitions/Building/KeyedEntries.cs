using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// The entries of a mapping whose keys are fixed by the language (a workflow's or a step's).
/// Reports unknown keys, with the closest known one, and keys written twice; with a
/// <c>path</c>, messages name each key by its full path (<c>orchestration.policies[0].name</c>).
/// </summary>
internal sealed class KeyedEntries
{
    private readonly Dictionary<string, SourceEntry> _entries = new(StringComparer.Ordinal);

    public KeyedEntries(SourceMapping mapping, IReadOnlyCollection<string> knownKeys, string? stepId, ErrorSink errors, string? path = null)
    {
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Text;
            var shown = path is null ? key : $"{path}.{key}";
            if (!knownKeys.Contains(key))
            {
                errors.Add(entry.Key.Position, stepId, ErrorCodes.UnknownKey,
                    $"unknown key '{shown}'{Suggestion.DidYouMean(key, knownKeys)}; expected one of: {string.Join(", ", knownKeys)}");
            }
            else if (!_entries.TryAdd(key, entry))
            {
                errors.Add(entry.Key.Position, stepId, ErrorCodes.DuplicateKey,
                    $"key '{shown}' is written twice (first on line {_entries[key].Key.Position.Line})");
            }
        }
    }

    public SourceNode? this[string key] => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The key and its value, for blocks whose messages point at the key's line.</summary>
    public SourceEntry? Entry(string key) => _entries.GetValueOrDefault(key);
}
