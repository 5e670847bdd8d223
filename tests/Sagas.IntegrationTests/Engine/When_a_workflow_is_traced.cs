using System.Diagnostics;
using System.Text.Json.Nodes;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// The trace of a workflow whose charge fails once (and is retried) and whose shipping fails for
/// good (so what completed is undone): one trace, rooted in the start, holding the orchestrator's
/// span of every message it committed and each worker's span of every attempt and undo.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_workflow_is_traced(EngineNode node) : IntegrationTest
{
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync() => _client = await StartClient.ConnectAsync();

    [Fact]
    public async Task Its_spans_form_one_trace_with_the_retry_and_the_undo_in_it()
    {
        using var spans = new SpanRecorder();
        var id = await _client.StartAsync("order-fulfilment",
            EngineNode.Order("traced", simulate: new JsonObject { ["payment"] = "transient:1", ["shipping"] = "permanent" }));
        await node.FinishedAsync(id);

        var trace = await Eventually.Until(
            () => Task.FromResult(spans.Of(id)),
            recorded => recorded.Any(s => s.Events.Any(e => e.Name == "WorkflowCompensated")),
            TimeSpan.FromSeconds(10),
            "the span of the workflow's last message",
            recorded => string.Join(", ", recorded.Select(s => s.DisplayName)));

        var root = Assert.Single(trace, s => s.DisplayName == "start order-fulfilment");
        Assert.Equal(default, root.ParentSpanId);
        Assert.All(trace, s => Assert.Equal(root.TraceId, s.TraceId));
        Assert.All(trace.Where(s => s != root), s => Assert.Equal(root.SpanId, s.ParentSpanId));

        // The worker ran the charge twice, the first time failing; the orchestrator scheduled the retry in between.
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(trace, s => s.DisplayName == "execute charge-payment #1").Status);
        Assert.Equal(ActivityStatusCode.Unset, Assert.Single(trace, s => s.DisplayName == "execute charge-payment #2").Status);
        Assert.Contains(trace, s => s.DisplayName == "orchestrate StepFailed charge-payment #1" && s.Events.Any(e => e.Name == "StepRetryScheduled"));

        // What completed was undone by the workers, and the run ended compensated, marked as an error.
        Assert.Contains(trace, s => s.DisplayName.StartsWith("undo charge-payment", StringComparison.Ordinal));
        Assert.Contains(trace, s => s.DisplayName.StartsWith("undo reserve-inventory", StringComparison.Ordinal));
        var end = Assert.Single(trace, s => s.Events.Any(e => e.Name == "WorkflowCompensated"));
        Assert.Equal(ActivityStatusCode.Error, end.Status);
    }
}
