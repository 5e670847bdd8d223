using System.Globalization;
using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>
/// Reads the scalar values of a policy, each named by its key path in messages. Each returns
/// null when the key is absent, null or wrong, after reporting what is wrong. A policy value
/// belongs to no step, and is wrong as <see cref="ErrorCodes.InvalidPolicyValue"/> unless said otherwise.
/// </summary>
internal static class PolicyValues
{
    public static bool? Flag(SourceNode? node, string path, ErrorSink errors) =>
        ScalarReader.Flag(node, path, null, ErrorCodes.InvalidPolicyValue, errors);

    /// <summary>A whole number from 1.</summary>
    public static int? Count(SourceNode? node, string path, ErrorSink errors, string code = ErrorCodes.InvalidPolicyValue) =>
        ScalarReader.Count(node, path, "a whole number from 1", null, code, errors);

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

        var expected = atMostOne ? "a number above 0 and at most 1" : "a number above 0";
        return ScalarReader.Invalid<double>(node, path, expected, null, ErrorCodes.InvalidPolicyValue, errors);
    }

    /// <summary>One of the words in <paramref name="choices"/>, with the closest one suggested for a slip.</summary>
    public static T? Choice<T>(SourceNode? node, string path, IReadOnlyDictionary<string, T> choices, ErrorSink errors)
        where T : struct, Enum =>
        ScalarReader.Choice(node, path, choices, null, ErrorCodes.InvalidPolicyValue, errors);
}
