using System.Globalization;
using System.Text.Json.Nodes;

namespace Sagas.Samples.Services;

/// <summary>
/// What a sample service is told to do besides its work: <c>fail</c> (every attempt fails, not
/// retryable), <c>throw</c> (the handler throws), or <c>slow:MS</c> (each attempt waits MS
/// milliseconds first). A run's input (<c>"simulate": {"payment": "fail"}</c>, mapped into the
/// step's input) wins over the settings.
/// </summary>
public sealed record Simulation(bool Fail, bool Throw, TimeSpan Delay)
{
    public static readonly Simulation None = new(false, false, TimeSpan.Zero);

    public static Simulation For(string service, JsonObject stepInput, SampleOptions options)
    {
        var directive = stepInput["simulate"] is JsonObject perRun && perRun[service] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : options.Simulate.GetValueOrDefault(service);
        return Parse(directive);
    }

    public static Simulation Parse(string? directive) => directive?.Trim() switch
    {
        null or "" => None,
        "fail" => None with { Fail = true },
        "throw" => None with { Throw = true },
        var slow when slow.StartsWith("slow:", StringComparison.Ordinal)
            && int.TryParse(slow["slow:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) => None with { Delay = TimeSpan.FromMilliseconds(ms) },
        var unknown => throw new ArgumentException($"unknown simulation '{unknown}'; use fail, throw or slow:MS"),
    };
}
