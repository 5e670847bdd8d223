using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// <c>switch:</c> on the engine: the first case that holds is chosen once and recorded
/// (<see cref="BranchChosen"/>) with the values the cases read; the step then runs as that case
/// (its service, input, retry and compensation), its retries never choose again, and the stream
/// replays to the same state.
/// </summary>
public sealed class When_a_step_chooses_its_case : IAsyncLifetime
{
    private const string Payment = """
        id: routed-payment
        version: 1
        input:
          region: string
          amount: { type: number, required: false }
        steps:
          - id: reserve
            service: inventory
            compensate: { service: inventory }
          - id: pay
            depends_on: [reserve]
            input:
              amount: $.input.amount
            retry: { max_attempts: 1 }
            switch:
              cases:
                - name: review
                  when: $.input.amount > 1000
                  service: manual-review
                  input: { amount: $.input.amount, reason: large order }
                - name: europe
                  when: $.input.region == "eu"
                  service: payment-eu
                  retry: { max_attempts: 2, delay: 1s, jitter: false }
                  compensate: { service: refunds-eu, input: { charge: $.steps.pay.output.charge } }
              default:
                service: payment
          - id: ship
            service: shipping
            depends_on: [pay]
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync(extraDefinitions: Payment);

    [Fact]
    public async Task The_first_case_that_holds_is_called_with_its_own_input_and_recorded_with_what_was_read()
    {
        var id = await _harness.StartAsync("routed-payment", new JsonObject { ["region"] = "eu", ["amount"] = 2500 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));

        var pay = await _harness.DispatchedAsync(id, "pay");

        Assert.Equal("manual-review", _harness.QueueOf(pay));
        Assert.Equal("""{"amount":2500,"reason":"large order"}""", pay.Input.ToJsonString());
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("pay"));
        var chosen = Assert.Single(state.PendingEvents.OfType<BranchChosen>());
        Assert.Equal(("pay", "review", "manual-review", "$.input.amount > 1000"), (chosen.StepId, chosen.Case, chosen.Service, chosen.Condition));
        Assert.Equal("""{"$.input.amount":2500}""", chosen.Read.ToJsonString());
        Assert.Equal("review", state.Branches["pay"]);
        Assert.Empty(WorkflowReplay.Differences(state, state.PendingEvents));
    }

    [Fact]
    public async Task When_no_case_holds_the_default_runs_with_the_steps_input_and_every_value_read_is_recorded()
    {
        var id = await _harness.StartAsync("routed-payment", new JsonObject { ["region"] = "us", ["amount"] = 40 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));

        var pay = await _harness.DispatchedAsync(id, "pay");
        await _harness.CompleteAsync(pay);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "ship"));
        var done = await _harness.InStateAsync(id, m => m.Completed);

        Assert.Equal("payment", _harness.QueueOf(pay));
        Assert.Equal("""{"amount":40}""", pay.Input.ToJsonString());
        var chosen = Assert.Single(done.PendingEvents.OfType<BranchChosen>());
        Assert.Equal(("default", "payment", null), (chosen.Case, chosen.Service, chosen.Condition));
        Assert.Equal("""{"$.input.amount":40,"$.input.region":"us"}""", chosen.Read.ToJsonString());
        Assert.Empty(WorkflowReplay.Differences(done, done.PendingEvents));
    }

    [Fact]
    public async Task A_retry_runs_the_case_again_by_its_own_retry_policy_without_choosing_again()
    {
        var id = await _harness.StartAsync("routed-payment", new JsonObject { ["region"] = "eu", ["amount"] = 90 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "pay"), "provider busy", retryable: true);
        await _harness.WhenAsync(id, s => s.RetryDue.ContainsKey("pay"));

        // The case's delay (1 s), not the step's (one attempt, no retry at all).
        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromSeconds(1)));
        var second = await _harness.DispatchedAsync(id, "pay", attempt: 2);

        Assert.Equal("payment-eu", _harness.QueueOf(second));
        var state = await _harness.WhenAsync(id, s => s.InFlight.Contains("pay") && s.Attempts["pay"] == 2);
        Assert.Single(state.PendingEvents.OfType<BranchChosen>());
    }

    [Fact]
    public async Task The_chosen_case_is_undone_by_its_own_compensation()
    {
        var id = await _harness.StartAsync("routed-payment", new JsonObject { ["region"] = "eu", ["amount"] = 90 });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "pay"), new JsonObject { ["charge"] = "ch-7" });
        await _harness.FailAsync(await _harness.DispatchedAsync(id, "ship"), "no courier", retryable: false);

        var refund = await _harness.CompensationDispatchedAsync(id, "pay");
        await _harness.CompensatedAsync(refund);
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "reserve"));
        await _harness.InStateAsync(id, m => m.Compensated);

        Assert.Equal("""{"charge":"ch-7"}""", refund.Input.ToJsonString());
        Assert.Equal(["pay", "reserve"], _harness.AllCompensationsDispatched().Select(c => c.StepId));
    }

    [Fact]
    public async Task A_case_whose_condition_cannot_be_evaluated_fails_the_run_with_the_case_and_the_reason()
    {
        var id = await _harness.StartAsync("routed-payment", new JsonObject { ["region"] = "eu" });
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.CompensatedAsync(await _harness.CompensationDispatchedAsync(id, "reserve"));

        var state = await _harness.InStateAsync(id, m => m.Compensated);

        Assert.Empty(state.PendingEvents.OfType<BranchChosen>());
        Assert.DoesNotContain(_harness.AllDispatched(), c => c.WorkflowId == id && c.StepId == "pay");
        Assert.StartsWith("step 'pay': switch case 'review': when: $.input.amount > 1000 could not be evaluated:", state.FailureReason);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
