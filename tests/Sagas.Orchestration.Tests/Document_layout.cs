using System.Text.Json;
using Marten;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Nodes;
using Sagas.Orchestration.Outbox;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests;

/// <summary>The names that hand-written SQL takes from <see cref="DocumentLayout"/> are the store's own.</summary>
public sealed class Document_layout
{
    private static readonly StoreOptions Store = StoreOptionsOfANode();

    [Fact]
    public void Each_document_table_is_the_one_the_store_maps()
    {
        Assert.Equal(StoreTableOf<WorkflowState>(), DocumentLayout.TableOf<WorkflowState>());
        Assert.Equal(StoreTableOf<DurableTimer>(), DocumentLayout.TableOf<DurableTimer>());
        Assert.Equal(StoreTableOf<AdmissionTicket>(), DocumentLayout.TableOf<AdmissionTicket>());
        Assert.Equal(StoreTableOf<NodeView>(), DocumentLayout.TableOf<NodeView>());
    }

    [Fact]
    public void Tables_keep_the_names_that_scripts_and_the_bench_read()
    {
        Assert.Equal("sagas.mt_doc_workflowstate", DocumentLayout.TableOf<WorkflowState>());
        Assert.Equal("sagas.mt_doc_timer", DocumentLayout.TableOf<DurableTimer>());
        Assert.Equal("sagas.mt_doc_admission", DocumentLayout.TableOf<AdmissionTicket>());
    }

    [Fact]
    public void A_key_is_the_one_the_store_writes_the_property_under()
    {
        // Set, since a saga document leaves out what is empty (CompactWorkflowDocument).
        var state = StoredJson(new WorkflowState
        {
            Status = WorkflowStatus.Compensating,
            DeadlineTokenId = Guid.NewGuid(),
            AwaitingAdmission = { ["charge"] = 1 },
        });
        var ticket = StoredJson(new AdmissionTicket
        {
            Id = "ticket",
            WorkflowId = Guid.NewGuid(),
            StepId = "charge",
            Attempt = 1,
            Service = "payment",
            QueuedAt = DateTimeOffset.UnixEpoch,
            AdmittedAt = DateTimeOffset.UnixEpoch,
        });

        // Enums are stored by name, which the SQL compares with.
        Assert.Equal(nameof(WorkflowStatus.Compensating), state.GetProperty(DocumentLayout.KeyOf<WorkflowState>(w => w.Status)).GetString());
        Assert.True(state.TryGetProperty(DocumentLayout.KeyOf<WorkflowState>(w => w.DeadlineTokenId), out _));
        Assert.True(state.TryGetProperty(DocumentLayout.KeyOf<WorkflowState>(w => w.AwaitingAdmission), out _));
        Assert.True(ticket.TryGetProperty(DocumentLayout.KeyOf<AdmissionTicket>(t => t.AdmittedAt), out _));
        Assert.Equal("admittedAt", DocumentLayout.KeyOf<AdmissionTicket>(t => t.AdmittedAt));
    }

    [Fact]
    public void A_body_key_is_the_one_timers_and_the_outbox_write_the_message_under()
    {
        var body = JsonSerializer.Serialize(
            new ExecuteStep
            {
                WorkflowId = Guid.NewGuid(),
                StepId = "charge",
                Attempt = 1,
                Service = "payment",
                Input = [],
                Definition = "order",
                DispatchedAt = DateTimeOffset.UnixEpoch,
            },
            DurableScheduleMessageProvider.BodyFormat);

        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty(DocumentLayout.BodyKeyOf<ExecuteStep>(m => m.WorkflowId), out _));
    }

    /// <summary>The store options a node configures (shared with the document tests).</summary>
    internal static StoreOptions StoreOptionsOfANode()
    {
        var options = new StoreOptions();
        WorkflowStore.Configure(options, "Host=127.0.0.1;Database=none");
        return options;
    }

    private static string StoreTableOf<T>() => ((IReadOnlyStoreOptions)Store).Schema.For<T>();

    private static JsonElement StoredJson(object document) => JsonDocument.Parse(Store.Serializer().ToJson(document)).RootElement;
}
