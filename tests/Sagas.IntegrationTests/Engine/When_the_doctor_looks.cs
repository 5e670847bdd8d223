using System.Text.Json;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// 'sagas doctor' finds a workflow that nothing will move (its command was lost: nothing in flight,
/// no timer), and with --replay a workflow whose stream does not rebuild to the state its saga holds.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_the_doctor_looks(EngineNode node) : IntegrationTest
{
    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task A_running_workflow_with_nothing_outstanding_is_reported_and_the_exit_code_says_so()
    {
        var stuck = Guid.NewGuid();
        await using (var session = node.Store.LightweightSession())
        {
            // As a crash between the saga's commit and its send would leave it.
            session.Insert(new WorkflowState { CorrelationId = stuck, Status = WorkflowStatus.Running, CurrentState = "Running", Definition = "order-fulfilment" });
            await session.SaveChangesAsync();
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(["doctor", "--json"], output, error, node.Configuration);

        Assert.True(exit == ExitCodes.Invalid, $"exit {exit}: {error}");
        using var report = JsonDocument.Parse(output.ToString());
        var finding = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("subject").GetString() == stuck.ToString());
        Assert.Equal("stuck", finding.GetProperty("kind").GetString());
        Assert.StartsWith("Running with nothing outstanding", finding.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task With_replay_a_workflow_whose_stream_rebuilds_to_another_state_is_reported_and_one_that_ran_is_not()
    {
        await using var client = await StartClient.ConnectAsync();
        var ran = await client.StartAsync("order-fulfilment", EngineNode.Order("doctor-1"));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(ran)).Status);

        var forged = Guid.NewGuid();
        await using (var session = node.Store.LightweightSession())
        {
            // Its stream says it started; its document says it completed, which no event records.
            var started = new WorkflowStarted { WorkflowId = forged, Definition = "order-fulfilment", Version = 1, DefinitionHash = "h", Input = [], StartedAt = DateTimeOffset.UtcNow };
            session.Events.StartStream(forged, started);
            var state = WorkflowReplay.Rebuild([started]);
            state.Status = WorkflowStatus.Completed;
            state.CurrentState = "Completed";
            session.Insert(state);
            await session.SaveChangesAsync();
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SagasCli.RunAsync(["doctor", "--replay", "--json"], output, error, node.Configuration);

        Assert.True(exit == ExitCodes.Invalid, $"exit {exit}: {error}");
        using var report = JsonDocument.Parse(output.ToString());
        Assert.Equal(2, report.RootElement.GetProperty("workflowsReplayed").GetInt32());
        var replay = Assert.Single(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "replay");
        Assert.Equal(forged.ToString(), replay.GetProperty("subject").GetString());
        Assert.EndsWith("differs in: Status", replay.GetProperty("detail").GetString());
    }
}
