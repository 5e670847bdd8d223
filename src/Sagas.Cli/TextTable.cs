namespace Sagas.Cli;

/// <summary>A table for a person: a header and rows, each column as wide as its widest cell.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>A cell that stays on one line and within <paramref name="width"/>; the command that shows one item has the whole text.</summary>
    public static string OneLine(string text, int width)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= width ? line : line[..(width - 1)] + "…";
    }
}
