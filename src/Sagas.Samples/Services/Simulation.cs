using System.Globalization;
using System.Text.Json.Nodes;

namespace Sagas.Samples.Services;

/// <summary>
/// What a sample service is told to do besides its work: <c>permanent</c> (or <c>fail</c>: every
/// attempt fails, not retryable), <c>transient:N</c> (the first N attempts fail, retryable),
/// <c>throw</c> (the handler throws), <c>slow:MS</c> (each attempt waits MS milliseconds first)
/// <c>hang</c> (no answer for ten minutes, for timeouts) or <c>flapping</c> / <c>flapping:N</c> (the
/// service's calls alternate between runs of N retryable failures and N successes, counted per
/// worker process across runs: a service going up and down, for circuit breakers) or
/// <c>incomplete:N</c> (the first N attempts succeed with an empty output: a service bug that
/// leaves out what later steps read, for blocked steps) or <c>glitch:N</c> (the service's outside
/// call throws on its first N tries within each attempt: a provider's glitch, absorbed by the
/// worker's retries when N is within them, failing the attempt when it is not) or <c>done-then-hang:N</c>
/// (the first N attempts do their work, record it, and then give no answer for a minute: a
/// result that died with its process, for undoing what an abandoned attempt did). A compensation's simulation is keyed
/// <c>SERVICE-compensation</c>. A run's input
/// (<c>"simulate": {"payment": "transient:2"}</c>, mapped into the step's input) wins over the settings.
/// </summary>
public sealed record Simulation(
    bool Fail, bool Throw, TimeSpan Delay, int TransientFailures = 0, bool Hang = false, int FlappingRun = 0, int IncompleteAttempts = 0, int Glitches = 0, int HangsAfterWork = 0)
{
    public const string Forms = "permanent, fail, transient:N, throw, slow:MS, hang, flapping, flapping:N, incomplete:N, glitch:N or done-then-hang:N";

    public static readonly Simulation None = new(false, false, TimeSpan.Zero);

    /// <summary>How long a <c>hang</c> keeps an attempt without an answer, from its dispatch.</summary>
    public static readonly TimeSpan HangFor = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long <c>done-then-hang</c> keeps an attempt without an answer, from its dispatch: past
    /// any timeout the samples run with, and short, so a run of lost answers does not hold the
    /// worker's slots for long.
    /// </summary>
    public static readonly TimeSpan LostAnswerFor = TimeSpan.FromMinutes(1);

    public static Simulation For(string service, JsonObject stepInput, SampleOptions options)
    {
        var directive = stepInput["simulate"] is JsonObject perRun && perRun[service] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : Services.SimulationFile.DirectiveFor(options.SimulationFile, service) ?? options.Simulate.GetValueOrDefault(service);
        return Parse(directive);
    }

    /// <exception cref="ArgumentException">The directive is none of the <see cref="Forms"/>.</exception>
    public static Simulation Parse(string? directive) =>
        Read(directive) ?? throw new ArgumentException($"unknown simulation '{directive!.Trim()}'; use {Forms}");

    /// <summary>What <paramref name="directive"/> says, or null for one that is none of the <see cref="Forms"/>.</summary>
    public static Simulation? Read(string? directive) => directive?.Trim() switch
    {
        null or "" => None,
        "fail" or "permanent" => None with { Fail = true },
        "throw" => None with { Throw = true },
        "hang" => None with { Hang = true },
        "flapping" => None with { FlappingRun = 1 },
        var flapping when flapping.StartsWith("flapping:", StringComparison.Ordinal)
            && int.TryParse(flapping["flapping:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var run) && run >= 1 => None with { FlappingRun = run },
        var slow when slow.StartsWith("slow:", StringComparison.Ordinal)
            && int.TryParse(slow["slow:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) => None with { Delay = TimeSpan.FromMilliseconds(ms) },
        var incomplete when incomplete.StartsWith("incomplete:", StringComparison.Ordinal)
            && int.TryParse(incomplete["incomplete:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) => None with { IncompleteAttempts = attempts },
        var glitch when glitch.StartsWith("glitch:", StringComparison.Ordinal)
            && int.TryParse(glitch["glitch:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var tries) => None with { Glitches = tries },
        var doneThenHang when doneThenHang.StartsWith("done-then-hang:", StringComparison.Ordinal)
            && int.TryParse(doneThenHang["done-then-hang:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var hangs) => None with { HangsAfterWork = hangs },
        var transient when transient.StartsWith("transient:", StringComparison.Ordinal)
            && int.TryParse(transient["transient:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var count) => None with { TransientFailures = count },
        _ => null,
    };

    /// <summary>Whether this attempt (1 for the first) fails for a while only.</summary>
    public bool FailsTransiently(int attempt) => attempt <= TransientFailures;

    /// <summary>Whether this attempt (1 for the first) does its work and then gives no answer.</summary>
    public bool HangsAfterWorkOn(int attempt) => attempt <= HangsAfterWork;

    /// <summary>Whether the <paramref name="try"/>-th try (1 for the first) of an attempt's outside call glitches.</summary>
    public bool GlitchesOn(int @try) => @try <= Glitches;

    /// <summary>Whether the service's <paramref name="call"/>-th flapping call (1 for the first) falls in a run of failures.</summary>
    public bool FlapsDown(long call) => FlappingRun > 0 && (call - 1) / FlappingRun % 2 == 0;
}
