using System.Text.Json;
using Sagas.Cli;
using Sagas.Orchestration.Workflows;

namespace Sagas.IntegrationTests.Engine;

/// <summary>'sagas doctor' finds a workflow that nothing will move (its command was lost: nothing in flight, no timer).</summary>
[Collection(EngineCollection.Name)]
public sealed class When_the_doctor_looks(EngineNode node) : IAsyncLifetime
{
    public Task InitializeAsync() => node.WipeAsync();

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

    public Task DisposeAsync() => Task.CompletedTask;
}
