using System.Text.RegularExpressions;

namespace Sagas.Definitions.Model;

/// <summary>
/// A step's <c>wait_for:</c>: instead of calling a service, the step waits for the signal named
/// <see cref="Signal"/> (a person's approval, an outside event), whose data becomes its output. Its
/// timeout is the step's <see cref="StepDefinition.Timeout"/>.
/// </summary>
public sealed partial record StepWait(string Signal, int Line)
{
    private const string Prefix = "signal:";

    /// <summary>What stands for the service of a step that waits: no queue has this name (services hold no ':').</summary>
    public string Service => Prefix + Signal;

    /// <summary>Whether a route's service is a wait for a signal rather than a service: no circuit or balancer counts it.</summary>
    public static bool IsWait(string service) => service.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>What a signal's name may look like, wherever one is given (a definition, the CLI, raw JSON): dots are fine, it is never part of a reference.</summary>
    public static bool IsValidSignalName(string name) => SignalName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex SignalName();
}
