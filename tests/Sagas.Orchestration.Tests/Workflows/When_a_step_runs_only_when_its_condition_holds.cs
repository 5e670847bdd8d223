using System.Text.Json.Nodes;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// <c>when:</c> on the engine: the decision is recorded once with the values that made it
/// (<see cref="StepSkipped"/>, or on the <see cref="StepDispatched"/> it led to), a skip passes to the steps that
/// need it, a skipped step is never undone, and the stream replays to the same state.
/// </summary>
public sealed class When_a_step_runs_only_when_its_condition_holds : IAsyncLifetime
{
    private const string Order = """
        id: wrapped-order
        version: 1
        input:
          giftWrap: boolean
        steps:
          - id: reserve
            service: inventory
            compensate: { service: inventory }
          - id: wrap
            service: wrapping
            depends_on: [reserve]
            when: $.input.giftWrap == true
            compensate: { service: wrapping }
          - id: label
            service: wrapping
            depends_on: [wrap]
            compensate: { service: wrapping }
          - id: ship
            service: shipping
            depends_on: [label, reserve]
            join: all_done
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: Order);

    [Fact]
    public async Task A_false_condition_skips_the_step_and_what_needs_it_and_the_join_goes_on()
    {
        var id = await _harness.StartAsync("wrapped-order", new JsonObject { ["giftWrap"] = false });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "ship"));

        var done = await _harness.InStateAsync(id, m => m.Completed);

        var skips = done.PendingEvents.OfType<StepSkipped>().ToList();
        Assert.Equal(["wrap", "label"], skips.Select(s => s.StepId));
        Assert.Equal(("when: $.input.giftWrap == true was false", "$.input.giftWrap == true"), (skips[0].Reason, skips[0].Condition));
        Assert.Equal("""{"$.input.giftWrap":false}""", skips[0].Read!.ToJsonString());
        Assert.Equal(["wrap"], skips[1].SkippedDependencies);
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.StepId is "wrap" or "label");
        Assert.Empty(WorkflowReplay.Differences(done, done.PendingEvents));
    }

    [Fact]
    public async Task A_true_condition_is_recorded_with_what_it_read_on_the_dispatch()
    {
        var id = await _harness.StartAsync("wrapped-order", new JsonObject { ["giftWrap"] = true });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.DispatchedAsync(id, "wrap");

        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("wrap"));

        var dispatched = state.PendingEvents.OfType<StepDispatched>().Single(d => d.StepId == "wrap");
        Assert.Equal(("$.input.giftWrap == true", """{"$.input.giftWrap":true}"""), (dispatched.Condition!.Expression, dispatched.Condition.Read.ToJsonString()));
        Assert.Null(state.PendingEvents.OfType<StepDispatched>().Single(d => d.StepId == "reserve").Condition);
        Assert.Empty(state.PendingEvents.OfType<StepConditionMet>());
        Assert.Empty(state.PendingEvents.OfType<StepSkipped>());
    }

    [Fact]
    public async Task A_skipped_step_is_not_undone_when_the_run_compensates()
    {
        var id = await _harness.StartAsync("wrapped-order", new JsonObject { ["giftWrap"] = false });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "ship"), "no courier", retryable: false);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "reserve"));

        await _harness.InStateAsync(id, m => m.Compensated);

        Assert.Equal(["reserve"], _harness.AllCompensationsDispatched().Select(c => c.StepId));
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
