using System.Text.RegularExpressions;

namespace Sagas.Architecture.Tests;

/// <summary>The types that hand-written files declare <c>partial</c>, read from the text (comments left out).</summary>
internal static partial class PartialDeclarations
{
    /// <summary>Each partial type's full name with the files that declare it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> In(IEnumerable<string> files) =>
        files
            .SelectMany(file =>
            {
                var code = Comment().Replace(File.ReadAllText(SourceTree.PathOf(file)), " ");
                var space = Namespace().Match(code) is { Success: true } found ? found.Groups["name"].Value + "." : "";
                return Declaration().Matches(code).Select(m => (Type: space + m.Groups["name"].Value, File: file));
            })
            .GroupBy(d => d.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(d => d.File).Distinct()], StringComparer.Ordinal);

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\bpartial\s+(?:record\s+struct|record\s+class|record|class|struct|interface)\s+(?<name>\w+)")]
    private static partial Regex Declaration();
}
