using System.Text;
using System.Text.RegularExpressions;

namespace Sagas.Definitions.Expressions;

/// <summary>
/// Finds the <c>$.</c> paths in an expression's text before it is parsed, and hides each behind
/// an identifier of the same length, so that positions stay true.
/// </summary>
/// <remarks>
/// Paths are written as everywhere else in a definition (<c>$.steps.gift-wrap.output.lines.0</c>):
/// step ids may hold a '-', which a JavaScript parser would read as a subtraction. So a path runs
/// until a character that cannot be part of a name; write a subtraction after a path with spaces
/// (<c>$.input.total - 1</c>). <c>[0]</c> indexes a list as <c>.0</c> does.
/// </remarks>
internal static partial class ExpressionPaths
{
    /// <summary>Most paths one expression may read: a placeholder must fit in the shortest path's length.</summary>
    public const int MaxPaths = 99;

    [GeneratedRegex(@"\G\$\.[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*|\[[0-9]+\])*", RegexOptions.CultureInvariant)]
    private static partial Regex Path();

    /// <summary>The text with every path replaced, and each placeholder's path (its text and segments).</summary>
    public static (string Masked, IReadOnlyDictionary<string, FoundPath> Paths) Mask(string text)
    {
        var masked = new StringBuilder(text.Length);
        var paths = new Dictionary<string, FoundPath>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\'' or '"' or '`')
            {
                var end = EndOfString(text, i);
                masked.Append(text, i, end - i);
                i = end;
            }
            else if (c == '$' && Path().Match(text, i) is { Success: true } match)
            {
                var placeholder = Placeholder(paths.Count, match.Length);
                paths[placeholder] = new FoundPath(match.Value, Segments(match.Value));
                masked.Append(placeholder);
                i += match.Length;
            }
            else
            {
                masked.Append(c);
                i++;
            }
        }

        return (masked.ToString(), paths);
    }

    // "$.a" is the shortest path: three characters hold '$' and a two-digit number.
    private static string Placeholder(int index, int length) =>
        index < MaxPaths ? $"${index}".PadRight(length, '_') : throw new ExpressionTooLargeException($"an expression may read at most {MaxPaths} values");

    private static string[] Segments(string path) =>
        path[2..].Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Split('.');

    private static int EndOfString(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return text.Length; // unterminated: the parser says so
    }
}

/// <summary>A path as written, and its parts after the <c>$.</c>.</summary>
internal sealed record FoundPath(string Text, string[] Segments);

/// <summary>An expression beyond the limits, found while reading it.</summary>
internal sealed class ExpressionTooLargeException(string message) : Exception(message);
