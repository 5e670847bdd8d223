namespace Sagas.Architecture.Tests;

/// <summary>
/// Every type can be read in one sitting: no file under <c>src/</c> is over 300 lines, and no
/// type is spread over several hand-written files (a <c>partial</c> type's other parts may only
/// come from a source generator, as <c>[LoggerMessage]</c> and <c>[GeneratedRegex]</c> need). So
/// no type is over 300 lines. Offenders known today are listed in <see cref="KnownOffenders"/>.
/// </summary>
public sealed class When_the_source_is_measured
{
    private const int MostLines = 300;

    [Fact]
    public void No_file_is_over_300_lines()
    {
        var found = LongFiles().Where(f => !KnownOffenders.LongFiles.Contains(f.Key)).Select(f => $"  {f.Key}: {f.Value} lines").ToList();

        Assert.True(found.Count == 0, $"Files over {MostLines} lines:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void No_type_is_split_over_hand_written_files()
    {
        var found = SplitTypes().Where(t => !KnownOffenders.SplitTypes.Contains(t.Key))
            .Select(t => $"  {t.Key}: {string.Join(", ", t.Value)}")
            .ToList();

        Assert.True(found.Count == 0, $"Types declared partial in more than one hand-written file:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void Every_known_offender_still_offends()
    {
        var gone = KnownOffenders.LongFiles.Where(f => !LongFiles().ContainsKey(f))
            .Concat(KnownOffenders.SplitTypes.Where(t => !SplitTypes().ContainsKey(t)))
            .Select(o => $"  {o}")
            .ToList();

        Assert.True(gone.Count == 0, $"No longer offending; remove from KnownOffenders:\n{string.Join("\n", gone)}");
    }

    private static Dictionary<string, int> LongFiles() =>
        SourceTree.HandWrittenFiles
            .Select(f => (File: f, Lines: File.ReadLines(SourceTree.PathOf(f)).Count()))
            .Where(f => f.Lines > MostLines)
            .ToDictionary(f => f.File, f => f.Lines, StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyList<string>> SplitTypes() =>
        PartialDeclarations.In(SourceTree.HandWrittenFiles)
            .Where(t => t.Value.Count > 1)
            .ToDictionary(StringComparer.Ordinal);
}
