using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Persistence;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Persistence;

/// <summary>A saga document leaves out what reading it back restores, and reads back as it was.</summary>
public sealed class When_a_saga_document_is_stored
{
    private static readonly StoreOptions Store = Document_layout.StoreOptionsOfANode();

    [Fact]
    public void Empty_collections_nulls_false_and_zero_are_left_out()
    {
        var json = Stored(new WorkflowState
        {
            CorrelationId = Guid.NewGuid(),
            Definition = "order",
            DefinitionHash = "hash",
            StartedAt = DateTimeOffset.UnixEpoch,
            Routes = { ["charge"] = new StepRoute("payment", Endpoint: null, FirstAttempt: 1) },
        });

        string[] leftOut = ["skipped", "inFlight", "input", "output", "failureReason", "cancelRequested", "deadlineTokenId", "endedAt", "isTerminal"];
        Assert.All(leftOut, key => Assert.False(json.TryGetProperty(key, out _), $"'{key}' was written"));
        var route = json.GetProperty("routes").GetProperty("charge");
        Assert.False(route.TryGetProperty("endpoint", out _));
        Assert.False(route.TryGetProperty("probe", out _));
        Assert.Equal(1, route.GetProperty("firstAttempt").GetInt32());
    }

    [Fact]
    public void The_status_is_written_even_when_it_is_the_first_one()
    {
        var json = Stored(new WorkflowState { CorrelationId = Guid.NewGuid(), Status = WorkflowStatus.Running, StartedAt = DateTimeOffset.UnixEpoch });

        Assert.Equal(nameof(WorkflowStatus.Running), json.GetProperty("status").GetString());
    }

    [Fact]
    public void What_was_left_out_reads_back_as_it_was()
    {
        var state = new WorkflowState
        {
            CorrelationId = Guid.NewGuid(),
            Status = WorkflowStatus.Compensating,
            Definition = "order",
            DefinitionVersion = 2,
            StartedAt = DateTimeOffset.UnixEpoch,
            Parent = new WorkflowParent(Guid.NewGuid(), "ship", 1),
            Input = new JsonObject { ["order"] = 7 },
            Outputs = { ["reserve"] = new JsonObject(), ["charge"] = null },
            InFlight = { "ship" },
            Attempts = { ["ship"] = 3 },
            Routes = { ["ship"] = new StepRoute("shipping", "queue:shipping-eu", 2, Probe: true) { Instance = "shipping.a" } },
            AbandonedEffects = { ["k@payment"] = new AbandonedEffect("charge", "payment", "k", 1) { UndoAttempt = 1 } },
            FailedStep = "ship",
        };

        var read = RoundTrip(state);

        Assert.Equal(Store.Serializer().ToJson(state), Store.Serializer().ToJson(read));
        Assert.Empty(read.Skipped);
        Assert.Empty(read.Compensated);
        Assert.Null(read.Output);
        Assert.Null(read.DeadlineTokenId);
        Assert.False(read.CancelRequested);
        Assert.True(read.Routes["ship"].Probe);
        Assert.Null(read.Outputs["charge"]);
        Assert.Equal(WorkflowStatus.Compensating, read.Status);
    }

    [Fact]
    public void An_empty_output_stays_empty_rather_than_none()
    {
        var state = new WorkflowState { CorrelationId = Guid.NewGuid(), Status = WorkflowStatus.Completed, StartedAt = DateTimeOffset.UnixEpoch, Output = [] };

        var read = RoundTrip(state);

        Assert.NotNull(read.Output);
        Assert.Empty(read.Output);
    }

    private static WorkflowState RoundTrip(WorkflowState state) =>
        (WorkflowState)Store.Serializer().FromJson(typeof(WorkflowState), new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Store.Serializer().ToJson(state))));

    private static JsonElement Stored(WorkflowState state) => JsonDocument.Parse(Store.Serializer().ToJson(state)).RootElement;
}
