using System.Text.RegularExpressions;

namespace Sagas.Definitions.Source;

/// <summary>
/// Gives a plain (unquoted) YAML scalar its JSON kind by the YAML 1.2 core schema, so
/// <c>amount: 10</c> is a number and <c>enabled: yes</c> stays the string "yes".
/// </summary>
public static partial class YamlScalarResolver
{
    public static ScalarKind Resolve(string plainText) => plainText switch
    {
        "" or "~" or "null" or "Null" or "NULL" => ScalarKind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => ScalarKind.Boolean,
        _ when NumberPattern().IsMatch(plainText) => ScalarKind.Number,
        _ => ScalarKind.String,
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
