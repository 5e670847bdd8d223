using Sagas.Definitions.Building;
using Sagas.Definitions.Source;

namespace Sagas.Definitions.Policies;

/// <summary>Reads <c>orchestration.analytics: { enabled: true, metrics: [latency, success_rate, failures] }</c>.</summary>
internal sealed class AnalyticsPolicyReader(ErrorSink errors)
{
    private const string Path = "orchestration.analytics";

    internal static readonly string[] Keys = ["enabled", "metrics"];

    private static readonly Dictionary<string, AnalyticsMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["latency"] = AnalyticsMetric.Latency,
        ["success_rate"] = AnalyticsMetric.SuccessRate,
        ["failures"] = AnalyticsMetric.Failures,
    };

    public AnalyticsPolicy Read(SourceNode? node)
    {
        switch (node)
        {
            case null or SourceScalar { Kind: ScalarKind.Null }:
                return AnalyticsPolicy.Default;
            case SourceMapping mapping:
                var keys = new KeyedEntries(mapping, Keys, null, errors, Path);
                return new AnalyticsPolicy
                {
                    Enabled = PolicyValues.Flag(keys["enabled"], $"{Path}.enabled", errors) ?? true,
                    Metrics = MetricsOf(keys["metrics"]) ?? AnalyticsPolicy.Default.Metrics,
                };
            default:
                errors.Add(node.Position, null, ErrorCodes.WrongType, $"'{Path}' must be a mapping of {string.Join(", ", Keys)}, not {node.KindName}");
                return AnalyticsPolicy.Default;
        }
    }

    private HashSet<AnalyticsMetric>? MetricsOf(SourceNode? node)
    {
        if (node is null or SourceScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        var items = OptionalList.Items(node, $"{Path}.metrics", $"a list of {string.Join(", ", Metrics.Keys)}", null, errors);
        var metrics = new HashSet<AnalyticsMetric>();
        for (var index = 0; index < items.Count; index++)
        {
            if (PolicyValues.Choice(items[index], $"{Path}.metrics[{index}]", Metrics, errors) is { } metric)
            {
                metrics.Add(metric);
            }
        }

        return metrics;
    }
}
