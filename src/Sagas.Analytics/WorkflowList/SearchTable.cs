using Marten;
using Sagas.Orchestration;
using Sagas.Orchestration.Journal;
using Weasel.Core;
using Weasel.Postgresql.Tables;

namespace Sagas.Analytics.WorkflowList;

/// <summary>
/// The search keys of the workflow list: one row per searchable input value of a run, written
/// once, when the analytics projection meets its start (so a search follows the runs by the
/// projection's lag), and found through the primary key (field, value).
/// </summary>
public static class SearchTable
{
    public const string Name = DocumentLayout.SchemaName + ".analytics_search";

    private const string Insert = $"INSERT INTO {Name} (field, value, workflow_id, started_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    public static ISchemaObject SchemaObject()
    {
        var table = new Table(Name);
        table.AddColumn("field", "text").NotNull().AsPrimaryKey();
        table.AddColumn("value", "text").NotNull().AsPrimaryKey();
        table.AddColumn<Guid>("workflow_id").NotNull().AsPrimaryKey();
        table.AddColumn("started_at", "timestamptz").NotNull();
        return table;
    }

    /// <summary>Queues the rows of a start's searchable values on the projection's session.</summary>
    public static void Queue(IDocumentOperations operations, WorkflowStarted started)
    {
        foreach (var (field, value) in SearchKeys.Of(started))
        {
            operations.QueueSqlCommand(Insert, field, value, started.WorkflowId, started.StartedAt);
        }
    }

    /// <summary>The condition on a saga document (<c>d</c>) that one field holds one value.</summary>
    public const string Condition = $"d.id IN (SELECT s.workflow_id FROM {Name} s WHERE s.field = ? AND s.value = ?)";
}
