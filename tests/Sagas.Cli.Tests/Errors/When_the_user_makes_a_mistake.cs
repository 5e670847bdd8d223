using Microsoft.Extensions.Configuration;
using Sagas.Cli.Node;

namespace Sagas.Cli.Tests.Errors;

public sealed class When_the_user_makes_a_mistake
{
    [Theory]
    [InlineData("definitions", "valdate", "x")]
    [InlineData("definitions", "list", "--jsn")]
    [InlineData("bogus")]
    [InlineData]
    public async Task Prints_one_line_and_exits_non_zero(params string[] args)
    {
        var run = await CliRun.Of(args);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.StartsWith("sagas: ", run.Error);
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task Suggests_the_command_that_was_probably_meant()
    {
        var run = await CliRun.Of("definitions", "valdate", "x");

        Assert.Contains("did you mean 'validate'?", run.Error);
    }

    [Fact]
    public async Task Names_a_setting_that_cannot_be_read()
    {
        var run = await CliRun.Of(new Dictionary<string, string?> { ["Sagas:RabbitMq:Port"] = "not-a-port" }, "setup");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("Sagas:RabbitMq:Port", run.Error);
    }

    [Fact]
    public async Task Names_the_broker_it_cannot_reach_and_how_to_start_it()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var settings = new Dictionary<string, string?> { ["Sagas:RabbitMq:Host"] = "127.0.0.1", ["Sagas:RabbitMq:Port"] = "1" };

        var run = await CliRun.Of(settings, "setup");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("cannot reach RabbitMQ at amqp://guest@127.0.0.1:1/", run.Error);
        Assert.Contains("scripts/services up", run.Error);
    }

    [Fact]
    public async Task Names_the_database_it_cannot_reach_and_how_to_start_it()
    {
        var settings = new Dictionary<string, string?> { ["Sagas:Postgres:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=sagas;Username=sagas;Password=x" };

        var run = await CliRun.Of(settings, "status", Guid.NewGuid().ToString());

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith("sagas: cannot reach PostgreSQL at 127.0.0.1:1 (database 'sagas'", run.ErrorLines.Single());
        Assert.Contains("scripts/services up", run.Error);
    }

    [Theory]
    [InlineData("not-an-id", "approve", null, "sagas: 'not-an-id' is not a workflow id (a UUID)")]
    [InlineData("5d1f0c52-0f0e-4c7e-9d7c-1a2b3c4d5e6f", "no spaces", null, "sagas: signal name 'no spaces' may hold only letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit")]
    [InlineData("5d1f0c52-0f0e-4c7e-9d7c-1a2b3c4d5e6f", "approve", "[1, 2]", "sagas: --data must be a JSON object, such as '{\"by\":\"dana\"}', not [1, 2]")]
    [InlineData("5d1f0c52-0f0e-4c7e-9d7c-1a2b3c4d5e6f", "approve", "{by: dana}", "sagas: --data is not valid JSON: ")]
    public async Task A_signal_that_cannot_be_sent_says_why_before_reaching_any_service(string id, string name, string? data, string message)
    {
        var run = await CliRun.Of(data is null ? ["signal", id, name] : ["signal", id, name, "--data", data]);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith(message, run.ErrorLines.Single());
    }

    [Fact]
    public async Task A_node_asked_for_an_unknown_service_names_the_ones_it_can_host()
    {
        var run = await CliRun.Of("run", "--worker", "paymnt");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: no service named 'paymnt'; this node can host: inventory, payment, payment-backup, payment-eu, fraud, shipping, wrapping, notification, accounts, noop", run.ErrorLines.Single());
    }

    [Fact]
    public async Task A_worker_node_names_a_resilience_setting_that_makes_no_sense()
    {
        var error = await StartingFailsAsync(new NodeRoles(false, ["payment"]), new() { ["Sagas:Workers:Resilience:Services:payment:Retries"] = "-1" });

        Assert.Equal("invalid setting Sagas:Workers:Resilience:Services:payment:Retries must be 0 or more (it is -1)", error.Message);
    }

    [Fact]
    public async Task An_orchestrator_names_each_setting_that_makes_no_sense_in_one_line()
    {
        var error = await StartingFailsAsync(new NodeRoles(true, []), new()
        {
            ["Sagas:Orchestration:CommitConcurrency"] = "0",
            ["Sagas:Orchestration:SweepInterval"] = "-00:00:01",
        });

        Assert.Equal(
            "invalid setting Sagas:Orchestration:CommitConcurrency must be at least 1 (it is 0); invalid setting Sagas:Orchestration:SweepInterval must be positive (it is -00:00:01)",
            error.Message);
    }

    [Fact]
    public async Task A_node_names_a_heartbeat_setting_that_makes_no_sense()
    {
        var error = await StartingFailsAsync(new NodeRoles(false, ["payment"]), new() { ["Sagas:Nodes:HeartbeatInterval"] = "00:00:00" });

        Assert.Equal("invalid setting Sagas:Nodes:HeartbeatInterval must be positive (it is 00:00:00)", error.Message);
    }

    [Fact]
    public async Task A_node_names_a_setting_it_cannot_read()
    {
        var error = await StartingFailsAsync(new NodeRoles(false, ["payment"]), new() { ["Sagas:Nodes:UnhealthyAfter"] = "a while" });

        Assert.StartsWith("invalid setting: ", error.Message);
        Assert.Contains("Sagas:Nodes:UnhealthyAfter", error.Message);
    }

    [Fact]
    public async Task A_node_names_an_unknown_simulation()
    {
        var error = await StartingFailsAsync(new NodeRoles(false, ["payment"]), new() { ["Sagas:Samples:Simulate:payment"] = "explode" });

        Assert.StartsWith("invalid setting Sagas:Samples:Simulate:payment is an unknown simulation 'explode'; use ", error.Message);
    }

    [Fact]
    public async Task A_workflow_id_that_is_not_a_uuid_is_named()
    {
        var run = await CliRun.Of("history", "order-42");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: 'order-42' is not a workflow id (a UUID)", run.ErrorLines.Single());
    }

    [Fact]
    public async Task Input_that_is_not_json_is_named_before_anything_is_published()
    {
        var run = await CliRun.Of(new Dictionary<string, string?> { ["Sagas:RabbitMq:Port"] = "1" }, "start", "order-fulfilment", "--input", "{orderId: 1");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith("sagas: --input is not valid JSON", run.ErrorLines.Single());
    }

    [Fact]
    public async Task Names_a_definitions_folder_that_does_not_exist()
    {
        var run = await CliRun.Of("definitions", "list", "--path", "/no/such/folder");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: definitions folder '/no/such/folder' does not exist (set --path or Sagas:Definitions:Path)", run.ErrorLines.Single());
    }

    // Settings are bound and validated as the node starts, before it connects to anything.
    private static async Task<UserErrorException> StartingFailsAsync(NodeRoles roles, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var host = NodeHost.Build(configuration, roles);
        return await Assert.ThrowsAsync<UserErrorException>(() => NodeHost.StartAsync(host, CancellationToken.None));
    }
}
