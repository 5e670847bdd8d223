using Microsoft.Extensions.Configuration;
using Sagas.Analytics;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Stats;
using Sagas.Cli.Node;
using Sagas.Cli.Workflows;

namespace Sagas.Cli.Stats;

/// <summary>
/// <c>sagas stats [--definition D] [--service S] [--since 1h] [--by minute|hour] [--json]</c>: how
/// workflows, steps and services did in a window, from the analytics projections.
/// </summary>
internal static class StatsCommand
{
    private static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    public static Command Create(CliContext context)
    {
        var definition = new Option<string?>("--definition") { Description = "Only this definition" };
        var service = new Option<string?>("--service") { Description = "Only the steps and instances of this service" };
        var since = SinceOption.Create("The window's start (default: 1h)");
        var by = new Option<string?>("--by") { Description = "A series too, one entry per bucket: minute or hour" };
        var json = new Option<bool>("--json") { Description = "Write the stats as JSON" };
        var command = new Command("stats", "Counts, success rates, failures by reason and latency percentiles") { definition, service, since, by, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var request = new StatsRequest
            {
                Since = SinceOption.Parse(parse.GetValue(since), now) ?? now - DefaultWindow,
                Until = now,
                Definition = parse.GetValue(definition),
                Service = parse.GetValue(service),
                By = GranularityOf(parse.GetValue(by)),
            };
            var options = context.Configuration.GetSection(AnalyticsOptions.SectionName).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
            var metrics = NodeFiles.LoadPolicies(context.Settings).Analytics.Metrics;
            using var reader = new WorkflowReader(context.Settings.Postgres);
            var report = (await reader.StatsAsync(request, options.LagThreshold, cancellationToken)).Showing(metrics);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output, report);
            }
            else
            {
                StatsText.Write(context.Output, report, request.Granularity);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Granularity? GranularityOf(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "minute" => Granularity.Minute,
        "hour" => Granularity.Hour,
        _ => throw new UserErrorException($"--by '{text}' is not a bucket width; use minute or hour"),
    };
}
