using Npgsql;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests;

/// <summary>A database of its own, filled by the test with one of everything a node writes.</summary>
public sealed class WipedDatabase() : OwnServices(null, "sagas_test_wipe");

/// <summary>
/// The wipe every integration test begins with leaves nothing a node wrote: no stream, and no
/// document of any kind, timers and outbox rows and admission tickets included.
/// </summary>
public sealed class When_an_integration_test_begins(WipedDatabase database) : IntegrationTest, IClassFixture<WipedDatabase>
{
    protected override IIntegrationFixture Fixture => database;

    [Fact]
    public async Task Every_stream_workflow_view_timer_outbox_row_admission_ticket_and_node_view_is_gone()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using (var session = database.Store.LightweightSession())
        {
            var started = new WorkflowStarted { WorkflowId = id, Definition = "order-fulfilment", Version = 1, DefinitionHash = "h", Input = [], StartedAt = now };
            session.Events.StartStream(id, started);
            session.Insert(WorkflowReplay.Rebuild([started]));
            session.Insert(Timer(id, TimerDelivery.Scheduled, now));
            session.Insert(Timer(id, TimerDelivery.Send, now));
            session.Insert(new AdmissionTicket { Id = AdmissionTicket.IdOf(id, "ship", 1), WorkflowId = id, StepId = "ship", Attempt = 1, Service = "shipping", QueuedAt = now });
            session.Insert(new NodeView { Id = "node-1", LastSeen = now });
            await session.SaveChangesAsync();
        }

        Assert.NotEmpty(await RowsLeftAsync());

        await database.WipeAsync();

        Assert.Empty(await RowsLeftAsync());
    }

    private static DurableTimer Timer(Guid workflowId, TimerDelivery delivery, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        WorkflowId = workflowId,
        DueAt = now.AddMinutes(5),
        Destination = "queue:workflow-orchestrator",
        MessageType = typeof(RetryStep).AssemblyQualifiedName!,
        Body = System.Text.Json.JsonSerializer.Serialize(new RetryStep { WorkflowId = workflowId, StepId = "ship", Attempt = 2 }),
        ScheduledAt = now,
        Delivery = delivery,
    };

    // Every Marten table of the schema that still holds a row, with its count.
    private async Task<List<string>> RowsLeftAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND (table_name LIKE 'mt\\_doc\\_%' OR table_name IN ('mt_events', 'mt_streams'))", connection))
        {
            list.Parameters.AddWithValue("schema", WorkflowStore.SchemaName);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var left = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {WorkflowStore.SchemaName}.{table}", connection);
            if ((long)(await count.ExecuteScalarAsync())! is var rows and > 0)
            {
                left.Add($"{table}: {rows}");
            }
        }

        return left;
    }
}
