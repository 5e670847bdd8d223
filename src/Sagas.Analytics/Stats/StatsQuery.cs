using Npgsql;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Health;

namespace Sagas.Analytics.Stats;

/// <summary>
/// The stats of a window, as <c>sagas stats</c> (and later the HTTP API) shows them: from the
/// projected buckets while the projection keeps up, from the saga documents, marked degraded, when
/// it does not.
/// </summary>
public sealed class StatsQuery(string connectionString, TimeSpan lagThreshold)
{
    public async Task<StatsReport> RunAsync(StatsRequest request, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var lag = await AnalyticsLagReader.ReadAsync(connection, cancellationToken);
        if (lag.ReportedReason(lagThreshold) is { } reason)
        {
            return new StatsReport
            {
                Since = request.Since,
                Until = request.Until,
                Degraded = true,
                Reason = $"{reason}; these are the workflows started in the window, by their status now, from the saga documents",
                Definitions = await BasicStats.ReadAsync(connection, request, cancellationToken),
            };
        }

        var granularity = request.Granularity;
        var since = BucketTime.StartOf(request.Since, granularity);
        var workflows = await StatsRowsReader.WorkflowsAsync(connection, granularity, since, request, cancellationToken);
        var steps = await StatsRowsReader.StepsAsync(connection, granularity, since, request, cancellationToken);
        return StatsReportBuilder.Build(request, since, workflows, steps);
    }
}
