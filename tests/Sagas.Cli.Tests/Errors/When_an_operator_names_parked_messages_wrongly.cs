namespace Sagas.Cli.Tests.Errors;

/// <summary>`sagas errors` refuses a mistaken call in one line, before it contacts the broker.</summary>
public sealed class When_an_operator_names_parked_messages_wrongly
{
    // Nothing listens on port 1: a command that got as far as the broker would fail differently.
    private static readonly Dictionary<string, string?> Unreachable = new()
    {
        ["Sagas:RabbitMq:Port"] = "1",
        ["Sagas:RabbitMq:ManagementPort"] = "1",
    };

    [Theory]
    [InlineData("errors", "show", "start-workflow_error")]
    [InlineData("errors", "replay")]
    [InlineData("errors", "list", "--limit", "many")]
    public async Task A_missing_or_malformed_argument_is_one_line_and_exit_2(params string[] args)
    {
        var run = await CliRun.Of(Unreachable, args);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith("sagas: ", run.ErrorLines.Single());
        Assert.Contains("--help", run.Error);
    }

    [Fact]
    public async Task Replay_without_an_id_or_all_says_what_it_needs()
    {
        var run = await CliRun.Of(Unreachable, "errors", "replay", "start-workflow_error");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: give the id of the message to replay, or --all ('sagas errors list --queue start-workflow_error' shows the ids)", run.ErrorLines.Single());
    }

    [Fact]
    public async Task Replay_with_both_an_id_and_all_is_refused()
    {
        var run = await CliRun.Of(Unreachable, "errors", "replay", "start-workflow_error", "some-id", "--all");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: give a message id or --all, not both", run.ErrorLines.Single());
    }

    [Theory]
    [InlineData("start-workflow", "errors", "list", "--queue", "start-workflow")]
    [InlineData("start-workflow", "errors", "show", "start-workflow", "some-id")]
    [InlineData("start-workflow", "errors", "replay", "start-workflow", "--all")]
    [InlineData("_error", "errors", "replay", "_error", "--all")]
    public async Task A_queue_that_is_not_an_error_or_skipped_queue_is_named(string queue, params string[] args)
    {
        var run = await CliRun.Of(Unreachable, args);

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal($"sagas: '{queue}' is not an error or skipped queue (its name must end in _error or _skipped)", run.ErrorLines.Single());
    }

    [Fact]
    public async Task A_limit_below_one_is_named()
    {
        var run = await CliRun.Of(Unreachable, "errors", "list", "--limit", "0");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.Equal("sagas: --limit must be 1 or more (it is 0)", run.ErrorLines.Single());
    }

    [Fact]
    public async Task An_unreachable_management_api_is_named_with_how_to_start_it()
    {
        var run = await CliRun.Of(Unreachable, "errors", "list");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith("sagas: cannot reach the RabbitMQ management API at http://127.0.0.1:1/ (vhost '/'): ", run.ErrorLines.Single());
        Assert.EndsWith("start it with 'scripts/services up'", run.ErrorLines.Single());
    }

    [Fact]
    public async Task An_unreachable_broker_is_named_on_replay()
    {
        var run = await CliRun.Of(Unreachable, "errors", "replay", "start-workflow_error", "--all");

        Assert.Equal(ExitCodes.UserError, run.ExitCode);
        Assert.StartsWith("sagas: cannot reach RabbitMQ at amqp://guest@127.0.0.1:1/", run.ErrorLines.Single());
    }
}
