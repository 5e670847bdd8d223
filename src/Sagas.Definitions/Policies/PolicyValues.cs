using System.Globalization;
using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads the scalar values of a policy, each named by its key path in messages. Each returns
/// null when the key is absent, null or wrong, after reporting what is wrong.
/// </summary>
internal static class PolicyValues
{
    public static bool? Flag(SourceNode? node, string path, ErrorSink errors)
    {
        switch (node)
        {
            case null:
            case SourceScalar { Kind: ScalarKind.Null }:
                return null;
            case SourceScalar { Kind: ScalarKind.Boolean } flag:
                return bool.Parse(flag.Text);
            default:
                return Invalid<bool>(node, path, "true or false", errors);
        }
    }

    /// <summary>A whole number from 1.</summary>
    public static int? Count(SourceNode? node, string path, ErrorSink errors, string code = ErrorCodes.InvalidPolicyValue)
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

        return Invalid<int>(node, path, "a whole number from 1", errors, code);
    }

    /// <summary>A number above 0 and, when <paramref name="atMostOne"/>, at most 1.</summary>
    public static double? Positive(SourceNode? node, string path, ErrorSink errors, bool atMostOne = false)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        if (node is SourceScalar { Kind: ScalarKind.Number } scalar
            && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
            && number > 0
            && (!atMostOne || number <= 1))
        {
            return number;
        }

        return Invalid<double>(node, path, atMostOne ? "a number above 0 and at most 1" : "a number above 0", errors);
    }

    /// <summary>One of the words in <paramref name="choices"/>, with the closest one suggested for a slip.</summary>
    public static T? Choice<T>(SourceNode? node, string path, IReadOnlyDictionary<string, T> choices, ErrorSink errors)
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
        errors.Add(node.Position, null, ErrorCodes.InvalidPolicyValue,
            $"'{path}' must be {string.Join(", ", choices.Keys.SkipLast(1))} or {choices.Keys.Last()}, not {DraftReader.Describe(node)}{hint}");
        return null;
    }

    private static T? Invalid<T>(SourceNode node, string path, string expected, ErrorSink errors, string code = ErrorCodes.InvalidPolicyValue)
        where T : struct
    {
        errors.Add(node.Position, null, code, $"'{path}' must be {expected}, not {DraftReader.Describe(node)}");
        return null;
    }
}
