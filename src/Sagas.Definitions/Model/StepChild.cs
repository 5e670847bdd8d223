namespace Sagas.Definitions.Model;

/// <summary>
/// A step's <c>workflow:</c>: instead of calling a service, the step starts a run of another
/// definition (a child with a stream of its own) and ends as the child ends: its output when it
/// completes, a failure when it does not.
/// </summary>
public sealed record StepChild(string Definition, int Line)
{
    private const string Prefix = "workflow:";

    /// <summary>What stands for the service of a step that starts a child: no queue has this name (services hold no ':').</summary>
    public string Service => Prefix + Definition;

    /// <summary>Whether a route's or an undo's service is a child run's stand-in.</summary>
    public static bool IsChild(string service) => service.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The definition a child run's stand-in names.</summary>
    public static string DefinitionOf(string service) => service[Prefix.Length..];

    /// <summary>How long a child may run unless the step's <c>timeout:</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(24);
}
