using Microsoft.Extensions.DependencyInjection;
using Sagas.Analytics.Health;
using Sagas.Workers.Nodes;

namespace Sagas.Cli.Node;

/// <summary>The analytics as a part of the node's health: degraded while their watch says they are behind.</summary>
internal sealed class AnalyticsPart(IServiceProvider services) : IDegradedPart
{
    // Absent when the analytics are off: then they are not degraded, just not there.
    private readonly AnalyticsStatus? _status = services.GetService<AnalyticsStatus>();

    public string Name => "analytics";

    public string? Degraded => _status?.Degraded;
}
