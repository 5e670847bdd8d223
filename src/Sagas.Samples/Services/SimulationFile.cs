using System.Collections.Concurrent;

namespace Sagas.Samples.Services;

/// <summary>
/// <see cref="SampleOptions.SimulationFile"/>: lines of <c>SERVICE=SIMULATION</c> that, while the
/// file exists, override <c>Sagas:Samples:Simulate</c> on this node, so a benchmark or a demo can
/// make one running instance slow or failing without restarting it. Read again at most every
/// quarter of a second; a line that is not a known simulation is ignored, as a half-written file's is.
/// </summary>
internal static class SimulationFile
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, IReadOnlyDictionary<string, string> Lines)> Cache = new(StringComparer.Ordinal);

    /// <summary>What the file says for <paramref name="service"/>, or null when it says nothing or does not exist.</summary>
    public static string? DirectiveFor(string? path, string service)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        if (!Cache.TryGetValue(path, out var cached) || now - cached.ReadAt >= ReadEvery)
        {
            cached = (now, Read(path));
            Cache[path] = cached;
        }

        return cached.Lines.GetValueOrDefault(service);
    }

    private static IReadOnlyDictionary<string, string> Read(string path)
    {
        try
        {
            return File.Exists(path)
                ? File.ReadAllLines(path)
                    .Select(line => line.Split('=', 2, StringSplitOptions.TrimEntries))
                    .Where(parts => parts.Length == 2 && Simulation.Read(parts[1]) is not null)
                    .GroupBy(parts => parts[0], StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal)
                : new Dictionary<string, string>();
        }
        catch (IOException)
        {
            // Being rewritten: what it said before holds until the next read.
            return Cache.TryGetValue(path, out var before) ? before.Lines : new Dictionary<string, string>();
        }
    }
}
