using Sagas.Orchestration;
using Weasel.Core;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Sagas.Analytics.Projection;

/// <summary>
/// The two stats tables and the function that merges their maps, created by Marten with the rest
/// of the schema. Rows are only ever added to: each count is raised by what a batch adds and each
/// map (failures by reason, histogram buckets) merged with it, in one statement, so no update
/// depends on having read the row first.
/// </summary>
public static class StatsTables
{
    public const string Workflows = DocumentLayout.SchemaName + ".analytics_workflow_buckets";
    public const string Steps = DocumentLayout.SchemaName + ".analytics_step_buckets";
    public const string MergeCounts = DocumentLayout.SchemaName + ".merge_counts";

    public static readonly IReadOnlyList<string> WorkflowCounts = ["started", "completed", "failed", "compensated", "cancelled", "rejected", "needs_attention"];
    public static readonly IReadOnlyList<string> WorkflowMaps = ["failures", "durations"];
    public static readonly IReadOnlyList<string> WorkflowKey = ["granularity", "bucket_start", "definition", "version"];

    public static readonly IReadOnlyList<string> StepCounts = ["dispatches", "completed", "failed", "timeouts", "retries", "reroutes", "compensations", "compensation_failures"];
    public static readonly IReadOnlyList<string> StepMaps = ["failures", "queue_wait", "execution"];
    public static readonly IReadOnlyList<string> StepKey = ["granularity", "bucket_start", "definition", "version", "step", "service", "endpoint", "node"];

    public static IEnumerable<ISchemaObject> SchemaObjects()
    {
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{MergeCounts}}(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
              SELECT coalesce(jsonb_object_agg(k, total), '{}'::jsonb)
              FROM (SELECT k, sum(v::bigint) AS total
                    FROM (SELECT * FROM jsonb_each_text(coalesce(a, '{}'::jsonb))
                          UNION ALL
                          SELECT * FROM jsonb_each_text(coalesce(b, '{}'::jsonb))) AS c(k, v)
                    GROUP BY k) AS s
            $$;
            """);
        yield return TableOf(Workflows, WorkflowKey, WorkflowCounts, WorkflowMaps);
        yield return TableOf(Steps, StepKey, StepCounts, StepMaps);
    }

    private static Table TableOf(string name, IReadOnlyList<string> key, IReadOnlyList<string> counts, IReadOnlyList<string> maps)
    {
        var table = new Table(name);
        foreach (var column in key)
        {
            var type = column switch
            {
                "bucket_start" => "timestamptz",
                "version" => "integer",
                _ => "text",
            };
            table.AddColumn(column, type).NotNull().AsPrimaryKey();
        }

        foreach (var column in counts)
        {
            table.AddColumn(column, "bigint").NotNull().DefaultValue(0L);
        }

        foreach (var column in maps)
        {
            table.AddColumn(column, "jsonb").NotNull().DefaultValueByExpression("'{}'::jsonb");
        }

        return table;
    }
}
