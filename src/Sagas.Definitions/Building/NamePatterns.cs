using System.Text.RegularExpressions;

namespace Sagas.Definitions.Building;

/// <summary>
/// What names may look like. Step ids and input fields may not contain dots, because
/// references use dots to separate their parts; services become queue names.
/// </summary>
internal static partial class NamePatterns
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex WorkflowId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex StepId();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex Service();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,99}$", RegexOptions.CultureInvariant)]
    public static partial Regex InputField();
}
