using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Sagas.Workers.Resilience;

/// <summary>
/// <c>Sagas:Workers:Resilience</c>: the pipelines handlers run their calls to the outside in, a
/// <c>Default</c> and entries by service (<c>Sagas:Workers:Resilience:Services:payment:Retries=4</c>)
/// that override only the values they set.
/// </summary>
public sealed class OutsideCallOptions
{
    public const string SectionName = "Sagas:Workers:Resilience";

    public OutsideCallSettings Default { get; private set; } = new();

    /// <summary>Settings by service name, each complete: the default with the service's own values over it.</summary>
    public IReadOnlyDictionary<string, OutsideCallSettings> Services { get; private set; } = new Dictionary<string, OutsideCallSettings>();

    public OutsideCallSettings For(string service) => Services.GetValueOrDefault(service) ?? Default;

    /// <summary>Reads <c>Sagas:Workers:Resilience</c>, defaults where it is silent.</summary>
    /// <exception cref="InvalidOperationException">A value does not convert; the message names its key.</exception>
    public static OutsideCallOptions From(IConfiguration configuration)
    {
        var options = new OutsideCallOptions();
        options.Bind(configuration);
        return options;
    }

    /// <summary>
    /// Binds <c>Sagas:Workers:Resilience</c> into these options: the default, then each service's
    /// entry over a copy of it, so an entry inherits what it does not set.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value does not convert; the message names its key.</exception>
    public void Bind(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new OutsideCallSettings();
        section.GetSection(nameof(Default)).Bind(defaults);
        var services = new Dictionary<string, OutsideCallSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in section.GetSection(nameof(Services)).GetChildren())
        {
            var settings = defaults with { };
            service.Bind(settings);
            services[service.Key] = settings;
        }

        Default = defaults;
        Services = services;
    }

    /// <summary>Each setting that makes no sense, named by its configuration key.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Default.Problems($"{SectionName}:{nameof(Default)}"),
        .. Services.SelectMany(p => p.Value.Problems($"{SectionName}:{nameof(Services)}:{p.Key}")),
    ];

    /// <summary>Refuses the options while a setting makes no sense, naming each by its key.</summary>
    internal sealed class Validation : IValidateOptions<OutsideCallOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutsideCallOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
