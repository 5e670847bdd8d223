using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using Sagas.Cli;
using Sagas.Cli.Commands;
using Sagas.Contracts;
using Xunit.Abstractions;

namespace Sagas.IntegrationTests.Errors;

/// <summary>A vhost of its own: the tests purge and delete queues.</summary>
public sealed class ErrorsVirtualHost() : OwnServices(When_an_operator_handles_error_queues.VirtualHost, null);

/// <summary>
/// `sagas errors list|show|replay` on a real broker, with messages parked the way MassTransit
/// parks them (headers as a MassTransit 8.5 node writes them).
/// </summary>
public sealed class When_an_operator_handles_error_queues(ErrorsVirtualHost vhost, ITestOutputHelper log) : IntegrationTest, IClassFixture<ErrorsVirtualHost>
{
    public const string VirtualHost = "sagas-test-errors";
    private const string ErrorQueue = BrokerNames.StartWorkflow + "_error";
    private const string SkippedQueue = "workflow-orchestrator_skipped";
    private const string FaultTimestamp = "2026-11-26T09:15:02.1234567Z";

    private IConnection _connection = null!;
    private IChannel _channel = null!;

    protected override IIntegrationFixture Fixture => vhost;

    // The wipe left the vhost empty: the error queue and the queue its messages came from, as a node declares them.
    protected override async Task ArrangeAsync()
    {
        _connection = await TestBroker.ConnectAsync(VirtualHost);
        _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await _channel.QueueDeclareAsync(ErrorQueue, durable: true, exclusive: false, autoDelete: false);
        await _channel.QueueDeclareAsync(BrokerNames.StartWorkflow, durable: true, exclusive: false, autoDelete: false);
    }

    [Fact]
    public async Task List_reports_each_parked_message_with_its_reason_and_origin_and_leaves_it_there()
    {
        await ParkStartAsync("w-1", """{"workflowId":"order-42","definition":"order-fulfilment"}""", "workflowId 'order-42' is not a UUID");
        await ParkStartAsync("w-2", """{"definition":"nope"}""", "no definition 'nope'");
        await _channel.QueueDeclareAsync(SkippedQueue, durable: true, exclusive: false, autoDelete: false);
        await ParkSkippedEnvelopeAsync();

        var run = await RunAsync("errors", "list", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var rows = JsonNode.Parse(run.Output)!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal(ErrorQueue, (string?)rows[0]!["queue"]);
        Assert.Equal(1, (int?)rows[0]!["position"]);
        Assert.Equal("w-1", (string?)rows[0]!["id"]);
        Assert.Equal("(raw)", (string?)rows[0]!["type"]);
        Assert.Equal("workflowId 'order-42' is not a UUID", (string?)rows[0]!["reason"]);
        Assert.Equal(FaultTimestamp, (string?)rows[0]!["faultedAt"]);
        Assert.Equal(BrokerNames.StartWorkflow, (string?)rows[0]!["from"]);
        Assert.Equal(("w-2", 2), ((string?)rows[1]!["id"], (int?)rows[1]!["position"]));
        Assert.Equal(SkippedQueue, (string?)rows[2]!["queue"]);
        Assert.Equal("e-1", (string?)rows[2]!["id"]);
        Assert.Equal("Sagas.Contracts.Events.StepCompleted", (string?)rows[2]!["type"]);
        Assert.Equal("skip", (string?)rows[2]!["reason"]);
        Assert.Equal("workflow-orchestrator", (string?)rows[2]!["from"]);

        var text = await RunAsync("errors", "list");
        log.WriteLine(text.Output);
        Assert.Equal(4, text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(2u, await DepthAsync(ErrorQueue));
        Assert.Equal(1u, await DepthAsync(SkippedQueue));
    }

    [Fact]
    public async Task List_with_a_limit_and_a_queue_shows_only_those()
    {
        await ParkStartAsync("w-1", "{}", "one");
        await ParkStartAsync("w-2", "{}", "two");

        var run = await RunAsync("errors", "list", "--queue", ErrorQueue, "--limit", "1", "--json");

        Assert.Equal("w-1", (string?)JsonNode.Parse(run.Output)!.AsArray().Single()!["id"]);
    }

    [Fact]
    public async Task List_says_so_when_nothing_is_parked()
    {
        var run = await RunAsync("errors", "list");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("no messages in error or skipped queues", run.Output.Trim());
    }

    [Fact]
    public async Task Show_returns_every_header_the_properties_and_the_body()
    {
        await ParkStartAsync("w-1", """{"workflowId":"order-42","definition":"order-fulfilment"}""", "workflowId 'order-42' is not a UUID");

        var run = await RunAsync("errors", "show", ErrorQueue, "w-1", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var shown = JsonNode.Parse(run.Output)!;
        Assert.Equal("workflowId 'order-42' is not a UUID", (string?)shown["headers"]!["MT-Fault-Message"]);
        Assert.Equal("fault", (string?)shown["headers"]!["MT-Reason"]);
        Assert.Equal("billing", (string?)shown["headers"]!["x-origin"]);
        Assert.Equal("application/json", (string?)shown["properties"]!["content_type"]);
        Assert.Equal("order-42", (string?)shown["body"]!["workflowId"]);

        var text = await RunAsync("errors", "show", ErrorQueue, "w-1");
        Assert.Contains("  MT-Fault-ExceptionType: Sagas.Orchestration.Starting.InvalidStartRequestException", text.Output);
        Assert.Contains("\"definition\": \"order-fulfilment\"", text.Output);
        Assert.Equal(1u, await DepthAsync(ErrorQueue));
    }

    [Fact]
    public async Task Replay_moves_the_message_back_without_the_fault_headers()
    {
        const string body = """{"workflowId":"order-42","definition":"order-fulfilment"}""";
        await ParkStartAsync("w-1", body, "workflowId 'order-42' is not a UUID");

        var run = await RunAsync("errors", "replay", ErrorQueue, "w-1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"replayed w-1 from {ErrorQueue} to {BrokerNames.StartWorkflow}", run.Output.Trim());
        Assert.Equal(0u, await DepthAsync(ErrorQueue));
        var replayed = await _channel.BasicGetAsync(BrokerNames.StartWorkflow, autoAck: true);
        Assert.NotNull(replayed);
        Assert.Equal(body, Encoding.UTF8.GetString(replayed.Body.Span));
        Assert.Equal("w-1", replayed.BasicProperties.MessageId);
        Assert.Equal("application/json", replayed.BasicProperties.ContentType);
        Assert.True(replayed.BasicProperties.Persistent);
        var headers = replayed.BasicProperties.Headers!;
        Assert.Equal("billing", Encoding.UTF8.GetString((byte[])headers["x-origin"]!));
        Assert.DoesNotContain(headers.Keys, key => key.StartsWith("MT-Fault-", StringComparison.Ordinal) || key.StartsWith("MT-Host-", StringComparison.Ordinal) || key == "MT-Reason");
    }

    [Fact]
    public async Task Replay_of_one_message_leaves_the_others_in_their_order()
    {
        await ParkStartAsync("w-1", "{}", "one");
        await ParkStartAsync("w-2", "{}", "two");
        await ParkStartAsync("w-3", "{}", "three");

        var run = await RunAsync("errors", "replay", ErrorQueue, "w-2", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var replayed = JsonNode.Parse(run.Output)!.AsArray().Single()!;
        Assert.Equal(("w-2", ErrorQueue, BrokerNames.StartWorkflow), ((string?)replayed["id"], (string?)replayed["from"], (string?)replayed["to"]));
        var left = JsonNode.Parse((await RunAsync("errors", "list", "--json")).Output)!.AsArray();
        Assert.Equal(["w-1", "w-3"], left.Select(row => (string?)row!["id"]));
        Assert.Equal(1u, await DepthAsync(BrokerNames.StartWorkflow));
    }

    [Fact]
    public async Task Replay_all_empties_the_queue_into_the_queue_each_came_from()
    {
        await ParkStartAsync("w-1", "{}", "one");
        await ParkStartAsync("w-2", "{}", "two");

        var run = await RunAsync("errors", "replay", ErrorQueue, "--all");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(2, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0u, await DepthAsync(ErrorQueue));
        Assert.Equal(2u, await DepthAsync(BrokerNames.StartWorkflow));
    }

    [Fact]
    public async Task Replay_to_a_queue_that_is_gone_leaves_the_message_parked()
    {
        await ParkStartAsync("w-1", "{}", "one");
        await _channel.QueueDeleteAsync(BrokerNames.StartWorkflow);

        var run = await RunAsync("errors", "replay", ErrorQueue, "w-1");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith($"sagas: queue '{BrokerNames.StartWorkflow}' does not exist in vhost '{VirtualHost}'", run.Error.Trim());
        Assert.Equal(1u, await DepthAsync(ErrorQueue));
    }

    [Theory]
    [InlineData("show", ErrorQueue, "w-9")]
    [InlineData("replay", ErrorQueue, "w-9")]
    public async Task An_unknown_message_id_is_one_line_and_leaves_the_queue_alone(params string[] args)
    {
        await ParkStartAsync("w-1", "{}", "one");

        var run = await RunAsync(["errors", .. args]);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal($"sagas: no message 'w-9' in '{ErrorQueue}' ('sagas errors list --queue {ErrorQueue}' shows the ones there)", run.Error.Trim());
        Assert.Equal(1u, await DepthAsync(ErrorQueue));
    }

    [Theory]
    [InlineData("list", "--queue", "payment_error")]
    [InlineData("show", "payment_error", "w-1")]
    [InlineData("replay", "payment_error", "--all")]
    public async Task An_unknown_queue_is_one_line(params string[] args)
    {
        var run = await RunAsync(["errors", .. args]);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal($"sagas: no queue 'payment_error' in vhost '{VirtualHost}' ('sagas errors list' shows the error and skipped queues that hold messages)", run.Error.Trim());
    }

    // A raw start the node could not accept, moved the way MassTransit 8.5 moves it: the original
    // properties and body, with the fault's headers added.
    private async Task ParkStartAsync(string messageId, string body, string reason)
    {
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/json",
            Persistent = true,
            Headers = new Dictionary<string, object?>
            {
                ["x-origin"] = "billing",
                ["MT-Fault-ExceptionType"] = "Sagas.Orchestration.Starting.InvalidStartRequestException",
                ["MT-Fault-InputAddress"] = $"rabbitmq://127.0.0.1/{VirtualHost}/{BrokerNames.StartWorkflow}",
                ["MT-Fault-Message"] = reason,
                ["MT-Fault-StackTrace"] = "   at Sagas.Orchestration.Starting.StartWorkflowConsumer.Consume(…)",
                ["MT-Fault-Timestamp"] = FaultTimestamp,
                ["MT-Host-MachineName"] = "vm",
                ["MT-Host-MassTransitVersion"] = "8.5.12.0",
                ["MT-Reason"] = "fault",
            },
        };
        await _channel.BasicPublishAsync(string.Empty, ErrorQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    // A message no consumer took: MassTransit's envelope, MT-Reason "skip", no fault headers.
    private async Task ParkSkippedEnvelopeAsync()
    {
        var properties = new BasicProperties
        {
            ContentType = "application/vnd.masstransit+json",
            Persistent = true,
            Headers = new Dictionary<string, object?> { ["MT-Reason"] = "skip", ["MT-Host-MachineName"] = "vm" },
        };
        var body = """{"messageId":"e-1","messageType":["urn:message:Sagas.Contracts.Events:StepCompleted"],"message":{}}""";
        await _channel.BasicPublishAsync(string.Empty, SkippedQueue, mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    private async Task<uint> DepthAsync(string queue) => (await _channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(await TestServices.ConfigurationAsync())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sagas:RabbitMq:VirtualHost"] = VirtualHost })
            .Build();
        var exitCode = await SagasCli.RunAsync(args, output, error, configuration);
        return (exitCode, output.ToString(), error.ToString());
    }

    public override async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
