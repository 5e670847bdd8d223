namespace Sagas.Samples.Services;

/// <summary>
/// <c>Sagas:Samples</c>: failure and latency injected into the sample services, by service name,
/// e.g. <c>Sagas__Samples__Simulate__payment=fail</c> or <c>slow:200</c>.
/// </summary>
public sealed class SampleOptions
{
    public const string SectionName = "Sagas:Samples";

    public Dictionary<string, string> Simulate { get; set; } = new(StringComparer.Ordinal);
}
