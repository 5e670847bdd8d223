using System.Text.Json;

namespace Sagas.Analytics.Tally;

/// <summary>
/// How often each reason was given. Reasons are cut to <see cref="ReasonLength"/> characters, so a
/// service that puts a long message in its reason still fills one key, not a page.
/// </summary>
public sealed class FailureCounts
{
    public const int ReasonLength = 200;

    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public bool IsEmpty => _counts.Count == 0;

    public IReadOnlyDictionary<string, long> Counts => _counts;

    public void Add(string reason, long count = 1)
    {
        var key = reason.Length > ReasonLength ? reason[..ReasonLength] : reason;
        _counts[key] = _counts.GetValueOrDefault(key) + count;
    }

    public void Add(FailureCounts other)
    {
        foreach (var (reason, count) in other._counts)
        {
            Add(reason, count);
        }
    }

    /// <summary>The most frequent reasons first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Top(int limit) =>
        [.. _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(limit)];

    /// <summary>Adds the counts of a stored map (<see cref="ToJson"/>'s form); null or empty adds nothing.</summary>
    public void MergeJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return;
        }

        foreach (var (reason, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [])
        {
            Add(reason, count);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(_counts);
}
