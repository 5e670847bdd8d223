using System.Text.Json.Nodes;
using Sagas.Contracts.Commands;
using Sagas.Orchestration.Journal;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_a_workflow_misses_its_deadline : IAsyncLifetime
{
    private const string WithDeadline = """
        id: with-deadline
        version: 1
        deadline: 1m
        steps:
          - id: reserve
            service: inventory
            compensate: { service: inventory }
          - id: approve
            service: accounts
            depends_on: [reserve]
        """;

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await OrchestratorHarness.StartAsync(options: new OrchestrationOptions { StepTimeout = null }, extraDefinitions: WithDeadline);

    [Fact]
    public async Task The_run_stops_and_its_completed_steps_are_undone()
    {
        var id = await _harness.StartAsync("with-deadline", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.DispatchedAsync(id, "approve");
        var deadline = Assert.Single(_harness.Timers.Pending);
        Assert.Equal(new WorkflowDeadlineElapsed { WorkflowId = id }, deadline.Message);

        Assert.Equal(0, await _harness.AdvanceAsync(TimeSpan.FromSeconds(59)));
        Assert.Equal(1, await _harness.AdvanceAsync(TimeSpan.FromSeconds(1)));
        await _harness.ConsumedAsync<WorkflowDeadlineElapsed>(m => m.WorkflowId == id);

        var compensating = await _harness.InStateAsync(id, m => m.Compensating);
        var exceeded = compensating.PendingEvents.OfType<WorkflowDeadlineExceeded>().Single();
        Assert.Equal(TimeSpan.FromMinutes(1), exceeded.Deadline);
        Assert.Equal("the workflow did not end within its deadline of 1 min", compensating.FailureReason);
    }

    [Fact]
    public async Task A_run_that_ends_in_time_cancels_its_deadline()
    {
        var id = await _harness.StartAsync("with-deadline", []);
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "reserve"));
        await _harness.CompleteAsync(await _harness.DispatchedAsync(id, "approve"), new JsonObject());

        await _harness.InStateAsync(id, m => m.Completed);
        await _harness.ConsumedAsync<Contracts.Events.StepCompleted>(m => m.WorkflowId == id && m.StepId == "approve");
        Assert.Empty(_harness.Timers.Pending);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
