using System.Net;
using Microsoft.Extensions.Options;

namespace Sagas.Workers.Nodes.Observation;

/// <summary>
/// <c>Sagas:Observation</c>: where a node answers <c>/metrics</c> (Prometheus) and
/// <c>/health/live</c>, <c>/health/ready</c>. Loopback unless configured; port 0 (the default)
/// takes any free port, since several nodes often share a machine, and the node prints the address.
/// </summary>
public sealed class ObservationOptions
{
    public const string SectionName = "Sagas:Observation";

    public bool Enabled { get; set; } = true;

    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; }

    /// <summary>
    /// Also MassTransit's own meter (per message received, consumed and sent). Off by default: it
    /// measured 9% of linear-5's rate and 11–15% more CPU per step in the orchestrator and worker.
    /// </summary>
    public bool MassTransitMetrics { get; set; }

    internal sealed class Validation : IValidateOptions<ObservationOptions>
    {
        public ValidateOptionsResult Validate(string? name, ObservationOptions options) =>
            !IPAddress.TryParse(options.Address, out _) ? ValidateOptionsResult.Fail($"{SectionName}:Address: '{options.Address}' is not an IP address (127.0.0.1 by default; 0.0.0.0 for every interface)")
            : options.Port is < 0 or > 65535 ? ValidateOptionsResult.Fail($"{SectionName}:Port: {options.Port} is not a port (0 to 65535; 0 for any free one)")
            : ValidateOptionsResult.Success;
    }
}
