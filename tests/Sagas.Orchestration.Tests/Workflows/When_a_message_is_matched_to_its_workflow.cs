using System.Text.Json.Nodes;
using MassTransit.Events;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

/// <summary>
/// Every message the saga takes is correlated and partitioned by the workflow it names
/// (<see cref="WorkflowMessages.IdOf{T}"/>), the fault of a step command by the command's.
/// </summary>
public sealed class When_a_message_is_matched_to_its_workflow : IAsyncLifetime
{
    private static readonly Guid Workflow = Guid.NewGuid();

    private OrchestratorHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await OrchestratorHarness.StartAsync();

    [Fact]
    public void Every_message_the_saga_takes_carries_a_workflow_id()
    {
        var taken = _harness.Machine.Correlations.Select(c => c.DataType).Distinct().ToList();

        Assert.Contains(typeof(StartWorkflow), taken);
        Assert.Contains(typeof(MassTransit.Fault<CompensateStep>), taken);
        Assert.All(taken, type => Assert.True(WorkflowMessages.Carries(type), $"{type.Name} carries no workflow id"));
    }

    [Fact]
    public void A_workflow_message_names_its_own()
    {
        var completed = new StepCompleted { WorkflowId = Workflow, StepId = "a", Attempt = 1, CompletedAt = DateTimeOffset.UtcNow };

        Assert.Equal(Workflow, WorkflowMessages.IdOf(completed));
    }

    [Fact]
    public void The_fault_of_a_step_command_names_the_command_s()
    {
        var fault = new FaultEvent<ExecuteStep> { Message = Command() };

        Assert.Equal(Workflow, WorkflowMessages.IdOf<MassTransit.Fault<ExecuteStep>>(fault));
    }

    [Fact]
    public void A_message_of_no_workflow_is_refused()
    {
        var heartbeat = new NodeHeartbeat
        {
            NodeId = "n",
            Host = "h",
            ProcessId = 1,
            Roles = [],
            Services = [],
            Capacity = 1,
            Interval = TimeSpan.FromSeconds(5),
            StartedAt = DateTimeOffset.UtcNow,
            SentAt = DateTimeOffset.UtcNow,
        };

        Assert.False(WorkflowMessages.Carries(typeof(NodeHeartbeat)));
        Assert.Throws<ArgumentException>(() => WorkflowMessages.IdOf(heartbeat));
    }

    private static ExecuteStep Command() => new()
    {
        WorkflowId = Workflow,
        StepId = "charge-payment",
        Attempt = 1,
        Service = "payment",
        Input = new JsonObject(),
        Definition = "order-fulfilment",
        DispatchedAt = DateTimeOffset.UtcNow,
    };

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
