using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using Sagas.Cli;
using Sagas.Contracts;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;
using Sagas.Testing;

namespace Sagas.IntegrationTests.Engine;

/// <summary>
/// The order sample's manual review on real services: a risky order waits for an <c>approve</c>
/// signal, sent with <c>sagas signal</c> or as raw JSON on the <c>workflow-signal</c> exchange by a
/// client that knows nothing of MassTransit.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class When_a_step_waits_for_an_approval(EngineNode node) : IntegrationTest
{
    private const string ErrorQueue = BrokerNames.WorkflowSignal + "_error";
    private StartClient _client = null!;

    protected override IIntegrationFixture Fixture => node;

    protected override async Task ArrangeAsync()
    {
        _client = await StartClient.ConnectAsync();
        await _client.Channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
    }

    [Fact]
    public async Task A_risky_order_waits_until_sagas_signal_approves_it_and_then_ships()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("approve-1", amount: 9000));
        await Eventually.Until(() => node.ViewAsync(id), view => view?.CurrentSteps.Contains("manual-review") == true, TimeSpan.FromSeconds(30), "the review to wait");

        var (exitCode, output, _) = await Sagas("signal", id.ToString(), "approve", "--data", """{"by":"dana"}""", "--wait", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var report = JsonDocument.Parse(output);
        Assert.Equal(("Received", "manual-review"), (report.RootElement.GetProperty("outcome").GetString(), report.RootElement.GetProperty("stepId").GetString()));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
        var events = await node.EventsAsync(id);
        var wait = events.OfType<StepDispatched>().Single(d => d.StepId == "manual-review");
        Assert.Equal(("approve", 0.9), (wait.Signal, wait.Input["score"]!.GetValue<double>()));
        Assert.Equal("dana", events.OfType<Sagas.Contracts.Events.StepCompleted>().Single(c => c.StepId == "manual-review").Output!["by"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signal_sent_as_raw_json_before_the_review_waits_is_kept_for_it()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("approve-2", amount: 9000, new JsonObject { ["inventory"] = "slow:1000" }));
        await node.WhenRecordedAsync(id);

        await PublishSignalAsync(new JsonObject { ["workflowId"] = id.ToString(), ["name"] = "approve", ["data"] = new JsonObject { ["by"] = "a python script" } }.ToJsonString());

        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
        var events = await node.EventsAsync(id);
        Assert.Equal("manual-review", events.OfType<SignalKept>().Single().ForStep);
        Assert.True(events.OfType<SignalReceived>().Single().WasKept);
    }

    [Fact]
    public async Task A_signal_for_an_ended_workflow_is_recorded_as_ignored_and_the_cli_says_why()
    {
        var id = await _client.StartAsync("order-fulfilment", EngineNode.Order("approve-3"));
        Assert.Equal(WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);

        var (exitCode, output, _) = await Sagas("signal", id.ToString(), "approve", "--wait");

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Equal($"signal 'approve' ignored by workflow {id}: the workflow is Completed; no step of it waits any more", output.Trim());
        Assert.Single((await node.EventsAsync(id)).OfType<SignalIgnored>());
    }

    [Theory]
    [InlineData("{\"name\": \"approve\"}", "the signal has no workflowId")]
    [InlineData("{\"workflowId\": \"5d1f0c52-0f0e-4c7e-9d7c-1a2b3c4d5e6f\", \"name\": \"not ok\"}", "signal name 'not ok' may hold only")]
    public async Task A_malformed_signal_goes_to_the_error_queue_with_the_reason(string json, string reason)
    {
        await PublishSignalAsync(json);

        var parked = (await Eventually.Until(() => _client.Channel.BasicGetAsync(ErrorQueue, autoAck: true), message => message is not null,
            TimeSpan.FromSeconds(30), $"a message in {ErrorQueue}"))!;
        Assert.Equal(json, Encoding.UTF8.GetString(parked.Body.Span));
        Assert.Contains(reason, Encoding.UTF8.GetString((byte[])parked.BasicProperties.Headers!["MT-Fault-Message"]!));
    }

    private async Task PublishSignalAsync(string json)
    {
        var properties = new BasicProperties { ContentType = "application/json", Persistent = true };
        await _client.Channel.BasicPublishAsync(BrokerNames.WorkflowSignal, string.Empty, mandatory: true, properties, Encoding.UTF8.GetBytes(json));
    }

    private static Task<(int ExitCode, string Output, string Error)> Sagas(params string[] args) => EngineCli.RunAsync(args);

    public override async Task DisposeAsync() => await _client.DisposeAsync();
}
