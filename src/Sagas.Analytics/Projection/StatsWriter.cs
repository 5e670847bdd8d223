using Marten;
using Sagas.Analytics.Buckets;
using Sagas.Analytics.Tally;

namespace Sagas.Analytics.Projection;

/// <summary>
/// Turns a tally into upserts that add to the stats rows, queued on the daemon's session: they
/// commit with the projection's progress, so a batch counts once or, if it fails, not at all.
/// </summary>
internal static class StatsWriter
{
    private static readonly string WorkflowUpsert = UpsertOf(StatsTables.Workflows, StatsTables.WorkflowKey, StatsTables.WorkflowCounts, StatsTables.WorkflowMaps);
    private static readonly string StepUpsert = UpsertOf(StatsTables.Steps, StatsTables.StepKey, StatsTables.StepCounts, StatsTables.StepMaps);

    public static void Queue(IDocumentOperations operations, StatsTally tally)
    {
        foreach (var (key, delta) in tally.Workflows)
        {
            operations.QueueSqlCommand(WorkflowUpsert,
                BucketTime.NameOf(key.Granularity), key.BucketStart, key.Definition, key.Version,
                delta.Started, delta.Completed, delta.Failed, delta.Compensated, delta.Cancelled, delta.Rejected, delta.NeedsAttention,
                delta.Failures.ToJson(), delta.Durations.ToJson());
        }

        foreach (var (key, delta) in tally.Steps)
        {
            operations.QueueSqlCommand(StepUpsert,
                BucketTime.NameOf(key.Granularity), key.BucketStart, key.Definition, key.Version, key.Step, key.Service, key.Endpoint, key.Node,
                delta.Dispatches, delta.Completed, delta.Failed, delta.Timeouts, delta.Retries, delta.Reroutes, delta.Compensations, delta.CompensationFailures,
                delta.Failures.ToJson(), delta.QueueWait.ToJson(), delta.Execution.ToJson());
        }
    }

    private static string UpsertOf(string table, IReadOnlyList<string> key, IReadOnlyList<string> counts, IReadOnlyList<string> maps)
    {
        var columns = key.Concat(counts).Concat(maps).ToList();
        var values = key.Concat(counts).Select(_ => "?").Concat(maps.Select(_ => "?::jsonb"));
        var additions = counts.Select(c => $"{c} = t.{c} + excluded.{c}")
            .Concat(maps.Select(m => $"{m} = {StatsTables.MergeCounts}(t.{m}, excluded.{m})"));
        return $"INSERT INTO {table} AS t ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) " +
            $"ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {string.Join(", ", additions)}";
    }
}
