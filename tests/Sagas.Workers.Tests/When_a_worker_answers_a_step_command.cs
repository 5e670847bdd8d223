using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sagas.Contracts;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Samples.Services;
using Sagas.Testing;

namespace Sagas.Workers.Tests;

/// <summary>
/// A worker's endpoints on the in-memory bus: a step command sent to a service's queue is run by
/// its handler and answered with the result for that kind of command.
/// </summary>
public sealed class When_a_worker_answers_a_step_command : IAsyncLifetime
{
    private readonly Guid _workflow = Guid.NewGuid();
    private IHost _host = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        var builder = WorkerNode.Builder(new Dictionary<string, string?>
        {
            ["Sagas:Samples:Simulate:payment"] = "permanent",
            ["Sagas:Samples:Simulate:inventory-compensation"] = "permanent",
        });
        builder.AddSagasSamples().AddSagasWorkers();
        builder.Services.AddMassTransitTestHarness(bus =>
        {
            bus.AddStepWorkers();
            bus.UsingInMemory((context, configurator) => configurator.ConfigureStepEndpoints(context, ["inventory", "payment"]));
        });
        _host = builder.Build();
        _harness = _host.Services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    [Fact]
    public async Task A_step_that_completes_is_answered_with_StepCompleted()
    {
        await SendAsync(Execute("inventory"));

        var completed = await AnswerAsync<StepCompleted>();

        Assert.Equal(("reserve", 2), (completed.StepId, completed.Attempt));
        Assert.NotNull(completed.Output);
    }

    [Fact]
    public async Task A_result_says_when_and_where_its_attempt_ran()
    {
        await SendAsync(Execute("inventory"));
        await SendAsync(Execute("payment"));

        var completed = await AnswerAsync<StepCompleted>();
        var failed = await AnswerAsync<StepFailed>();

        Assert.True(completed.StartedAt <= completed.CompletedAt, $"started {completed.StartedAt:O}, completed {completed.CompletedAt:O}");
        Assert.True(failed.StartedAt <= failed.FailedAt, $"started {failed.StartedAt:O}, failed {failed.FailedAt:O}");
        Assert.Equal(("inventory", "payment"), (completed.Endpoint, failed.Endpoint));
        Assert.False(string.IsNullOrEmpty(completed.Node));
        Assert.Equal(completed.Node, failed.Node);
    }

    [Fact]
    public async Task A_step_that_fails_is_answered_with_StepFailed()
    {
        await SendAsync(Execute("payment"));

        var failed = await AnswerAsync<StepFailed>();

        Assert.Equal(("reserve", 2), (failed.StepId, failed.Attempt));
        Assert.False(failed.Retryable);
    }

    [Fact]
    public async Task An_undo_that_completes_is_answered_with_StepCompensated()
    {
        await SendAsync(Compensate("payment"));

        var compensated = await AnswerAsync<StepCompensated>();

        Assert.Equal("reserve", compensated.StepId);
        Assert.False(await _harness.Published.Any<StepCompleted>());
    }

    [Fact]
    public async Task An_undo_that_fails_is_answered_with_StepCompensationFailed()
    {
        await SendAsync(Compensate("inventory"));

        var failed = await AnswerAsync<StepCompensationFailed>();

        Assert.Equal("reserve", failed.StepId);
        Assert.False(await _harness.Published.Any<StepFailed>());
    }

    private async Task SendAsync<T>(T command)
        where T : StepCommand
    {
        var endpoint = await _harness.Bus.GetSendEndpoint(new Uri($"queue:{command.Service}"));
        await endpoint.Send(command);
    }

    private async Task<T> AnswerAsync<T>()
        where T : class, IWorkflowMessage
    {
        // Waited for by its own deadline, not the harness's inactivity window, which a busy machine outlasts.
#pragma warning disable VSTHRD103 // a snapshot of what was published so far, taken again each tick
        var answer = await Eventually.Until(
            () => Task.FromResult(_harness.Published.Select<T>(m => m.Context.Message.WorkflowId == _workflow).FirstOrDefault()),
            published => published is not null, TimeSpan.FromSeconds(30), $"a {typeof(T).Name} to be published");
#pragma warning restore VSTHRD103
        return answer!.Context.Message;
    }

    private ExecuteStep Execute(string service) => new()
    {
        WorkflowId = _workflow,
        StepId = "reserve",
        Attempt = 2,
        Service = service,
        Input = new JsonObject { ["orderId"] = "o-1", ["amount"] = 5 },
        Definition = "order-fulfilment",
        DispatchedAt = DateTimeOffset.UtcNow,
    };

    private CompensateStep Compensate(string service)
    {
        var step = Execute(service);
        return new CompensateStep
        {
            WorkflowId = step.WorkflowId,
            StepId = step.StepId,
            Attempt = step.Attempt,
            Service = step.Service,
            Input = step.Input,
            Definition = step.Definition,
            DispatchedAt = step.DispatchedAt,
        };
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }
}
