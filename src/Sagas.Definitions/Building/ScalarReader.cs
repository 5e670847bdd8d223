using System.Globalization;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads the plain values a definition and a policy file both hold (a count, a flag, one word of
/// a few) the same way wherever they stand, so a value accepted in one file is accepted in the
/// other. Each returns null when the key is absent, null or wrong, after reporting what is wrong
/// under the caller's error code.
/// </summary>
internal static class ScalarReader
{
    public static bool? Flag(SourceNode? node, string path, string? stepId, string code, ErrorSink errors)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return null;
            case SourceScalar { Kind: ScalarKind.Boolean } flag:
                return bool.Parse(flag.Text);
            default:
                return Invalid<bool>(node, path, "true or false", stepId, code, errors);
        }
    }

    /// <summary>A whole number from 1; <paramref name="expected"/> says so in the message, with what it counts.</summary>
    public static int? Count(SourceNode? node, string path, string expected, string? stepId, string code, ErrorSink errors)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is SourceScalar { Kind: ScalarKind.Number } scalar
            && int.TryParse(scalar.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1)
        {
            return count;
        }

        return Invalid<int>(node, path, expected, stepId, code, errors);
    }

    /// <summary>One of the words in <paramref name="choices"/>, with the closest one suggested for a slip.</summary>
    public static T? Choice<T>(SourceNode? node, string path, IReadOnlyDictionary<string, T> choices, string? stepId, string code, ErrorSink errors)
        where T : struct, Enum
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is SourceScalar { Kind: ScalarKind.String } word && choices.TryGetValue(word.Text, out var choice))
        {
            return choice;
        }

        var hint = node is SourceScalar scalar ? Suggestion.DidYouMean(scalar.Text, choices.Keys) : string.Empty;
        errors.Add(node.Position, stepId, code,
            $"'{path}' must be {string.Join(", ", choices.Keys.SkipLast(1))} or {choices.Keys.Last()}, not {DraftReader.Describe(node)}{hint}");
        return null;
    }

    /// <summary>Reports a value that is not <paramref name="expected"/>; returns null for the caller to return.</summary>
    public static T? Invalid<T>(SourceNode node, string path, string expected, string? stepId, string code, ErrorSink errors)
        where T : struct
    {
        errors.Add(node.Position, stepId, code, $"'{path}' must be {expected}, not {DraftReader.Describe(node)}");
        return null;
    }
}
