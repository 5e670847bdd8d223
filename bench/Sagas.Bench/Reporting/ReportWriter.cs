using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sagas.Bench.Reporting;

/// <summary>
/// Writes a run: a quick run to quick.json only; a full run to latest.json and latest.md, a
/// dated copy of each beside them, and the table into README.md between its bench markers.
/// </summary>
internal static class ReportWriter
{
    private const string ReadmeStart = "<!-- bench:start -->";
    private const string ReadmeEnd = "<!-- bench:end -->";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task WriteAsync(BenchReport report, string resultsPath)
    {
        Directory.CreateDirectory(resultsPath);
        var json = JsonSerializer.Serialize(report, Json);
        var table = MarkdownTable.Of(report);
        if (report.Mode == "quick")
        {
            await File.WriteAllTextAsync(Path.Combine(resultsPath, "quick.json"), json);
            return;
        }

        var stamp = report.Date.ToString("yyyy-MM-ddTHH-mm");
        await File.WriteAllTextAsync(Path.Combine(resultsPath, "latest.json"), json);
        await File.WriteAllTextAsync(Path.Combine(resultsPath, $"{stamp}.json"), json);
        await File.WriteAllTextAsync(Path.Combine(resultsPath, "latest.md"), table);
        await File.WriteAllTextAsync(Path.Combine(resultsPath, $"{stamp}.md"), table);
        await UpdateReadmeAsync(Path.Combine(resultsPath, "..", "..", "README.md"), table);
    }

    /// <summary>
    /// Puts a partial run's scenarios into latest.json (replacing those of the same names, each
    /// stamped with when it was measured) and rewrites latest.md and the README's table: how a
    /// scenario added since the last full run joins it without an hour of the others.
    /// </summary>
    public static async Task MergeIntoLatestAsync(BenchReport partial, string resultsPath)
    {
        var path = Path.Combine(resultsPath, "latest.json");
        var latest = JsonSerializer.Deserialize<BenchReport>(await File.ReadAllTextAsync(path), Json)
            ?? throw new InvalidOperationException($"{path} holds no report");
        var merged = partial.Scenarios.Select(s => s with { MeasuredAt = partial.Date }).ToList();
        var names = merged.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var report = latest with { Scenarios = [.. latest.Scenarios.Where(s => !names.Contains(s.Name)), .. merged] };
        var table = MarkdownTable.Of(report);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(Path.Combine(resultsPath, "latest.md"), table);
        await UpdateReadmeAsync(Path.Combine(resultsPath, "..", "..", "README.md"), table);
    }

    /// <summary>A partial run's report, as JSON, to a file of the caller's choosing.</summary>
    public static async Task WriteToAsync(BenchReport report, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json));
    }

    private static async Task UpdateReadmeAsync(string readme, string table)
    {
        if (!File.Exists(readme))
        {
            return;
        }

        var text = await File.ReadAllTextAsync(readme);
        var start = text.IndexOf(ReadmeStart, StringComparison.Ordinal);
        var end = text.IndexOf(ReadmeEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return;
        }

        var updated = text[..(start + ReadmeStart.Length)] + Environment.NewLine + table + text[end..];
        await File.WriteAllTextAsync(readme, updated);
    }
}
