using Microsoft.Extensions.Options;

namespace Sagas.Samples.Services;

/// <summary>
/// <c>Sagas:Samples</c>: failure and latency injected into the sample services, by service name,
/// e.g. <c>Sagas__Samples__Simulate__payment=fail</c> or <c>slow:200</c>.
/// </summary>
public sealed class SampleOptions
{
    public const string SectionName = "Sagas:Samples";

    public Dictionary<string, string> Simulate { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A file that, while it exists, puts this node's sample services in maintenance: their health
    /// checks say unhealthy, and discovery takes them out of the rotation. Empty, it concerns every
    /// service; otherwise only those it names, one per line.
    /// </summary>
    public string? MaintenanceFile { get; set; }

    /// <summary>
    /// A file of <c>SERVICE=SIMULATION</c> lines that, while it exists, overrides
    /// <see cref="Simulate"/> on this node: how a benchmark or a demo turns one running instance
    /// slow or failing (see <see cref="SimulationFile"/>).
    /// </summary>
    public string? SimulationFile { get; set; }

    /// <summary>Each simulation that is none of <see cref="Simulation.Forms"/>, named by its configuration key.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Simulate.Where(p => Simulation.Read(p.Value) is null)
            .Select(p => $"{SectionName}:Simulate:{p.Key} is an unknown simulation '{p.Value.Trim()}'; use {Simulation.Forms}"),
    ];

    /// <summary>Refuses the options while a simulation is unknown, naming each by its key.</summary>
    internal sealed class Validation : IValidateOptions<SampleOptions>
    {
        public ValidateOptionsResult Validate(string? name, SampleOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
