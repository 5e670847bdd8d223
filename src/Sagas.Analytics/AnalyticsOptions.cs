using Microsoft.Extensions.Options;

namespace Sagas.Analytics;

/// <summary>
/// The analytics' settings (<c>Sagas:Analytics</c>): whether they run, when they count as behind,
/// and how long buckets are kept.
/// </summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Sagas:Analytics";

    /// <summary>False: no projection, no watch, no stats (also set by <c>orchestration.analytics.enabled</c> in policies.yaml).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// False: this orchestrator watches the analytics but never runs their projection, so the
    /// projection runs only on the orchestrators that do (one at a time).
    /// </summary>
    public bool RunProjections { get; set; } = true;

    /// <summary>How old the oldest unprocessed event may be before the analytics are degraded.</summary>
    public TimeSpan LagThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each orchestrator reads the lag (and looks for a rebuild to run).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long minute buckets are kept; hour buckets hold the same counts for longer.</summary>
    public TimeSpan MinuteRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan HourRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Refuses, at start, settings that make no sense, naming each.</summary>
    public sealed class Validation : IValidateOptions<AnalyticsOptions>
    {
        public ValidateOptionsResult Validate(string? name, AnalyticsOptions options)
        {
            var problems = new List<string>();
            Positive(nameof(LagThreshold), options.LagThreshold);
            Positive(nameof(CheckInterval), options.CheckInterval);
            Positive(nameof(MinuteRetention), options.MinuteRetention);
            Positive(nameof(HourRetention), options.HourRetention);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

            void Positive(string setting, TimeSpan value)
            {
                if (value <= TimeSpan.Zero)
                {
                    problems.Add($"{SectionName}:{setting} must be longer than zero (it is {value})");
                }
            }
        }
    }
}
