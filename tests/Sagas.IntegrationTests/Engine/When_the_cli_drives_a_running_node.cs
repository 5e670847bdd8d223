using System.Text.Json;
using Sagas.Cli;
using Sagas.Cli.Commands;

namespace Sagas.IntegrationTests.Engine;

/// <summary>`sagas start --wait`, `status` and `history` against a running node, as a user runs them.</summary>
[Collection(EngineCollection.Name)]
public sealed class When_the_cli_drives_a_running_node(EngineNode node) : IntegrationTest
{
    protected override IIntegrationFixture Fixture => node;

    [Fact]
    public async Task Start_with_wait_prints_the_completed_output_and_exits_zero()
    {
        var (exitCode, output, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-1","amount":7}""", "--wait", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var result = JsonDocument.Parse(output);
        Assert.Equal("Completed", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("trk-cli-1", result.RootElement.GetProperty("output").GetProperty("trackingNumber").GetString());
    }

    [Fact]
    public async Task Start_with_wait_exits_non_zero_when_the_workflow_fails_and_history_explains_it()
    {
        var (exitCode, output, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-2","amount":7,"simulate":{"payment":"fail"}}""", "--wait", "--json");

        Assert.Equal(ExitCodes.Invalid, exitCode);
        using var result = JsonDocument.Parse(output);
        var id = result.RootElement.GetProperty("workflowId").GetString()!;
        Assert.Equal("Compensated", result.RootElement.GetProperty("status").GetString());

        var (historyExit, history, _) = await Sagas("history", id, "--json");
        Assert.Equal(ExitCodes.Success, historyExit);
        using var events = JsonDocument.Parse(history);
        var failed = events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "StepFailed");
        Assert.Equal(("charge-payment", 1), (failed.GetProperty("stepId").GetString(), failed.GetProperty("attempt").GetInt32()));
        Assert.Equal("simulated failure of payment", failed.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("WorkflowStarted", events.RootElement[0].GetProperty("type").GetString());

        var (statusExit, status, _) = await Sagas("status", id, "--json");
        Assert.Equal(ExitCodes.Success, statusExit);
        using var view = JsonDocument.Parse(status);
        Assert.Equal(("Compensated", "order-fulfilment", 1), (view.RootElement.GetProperty("status").GetString(), view.RootElement.GetProperty("definition").GetString(), view.RootElement.GetProperty("version").GetInt32()));
        Assert.Contains("simulated failure of payment", view.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_input_decides_whether_the_gift_wrap_runs_and_status_and_history_say_why()
    {
        // Left out: the condition reads null, the step is skipped and ship goes on without it.
        var (plainExit, plain, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-wrap-1","amount":7}""", "--wait", "--json");
        Assert.Equal(ExitCodes.Success, plainExit);
        var plainId = JsonDocument.Parse(plain).RootElement.GetProperty("workflowId").GetString()!;

        var (_, plainStatus, _) = await Sagas("status", plainId);
        Assert.Contains("skipped    reserve-lines, gift-wrap, manual-review", plainStatus, StringComparison.Ordinal);
        var (_, plainHistory, _) = await Sagas("history", plainId, "--json");
        using var plainEvents = JsonDocument.Parse(plainHistory);
        var skipped = plainEvents.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "StepSkipped" && e.GetProperty("stepId").GetString() == "gift-wrap");
        Assert.Equal("gift-wrap", skipped.GetProperty("stepId").GetString());
        Assert.Equal("when: $.input.giftWrap == true was false", skipped.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, skipped.GetProperty("data").GetProperty("read").GetProperty("$.input.giftWrap").ValueKind);

        // Asked for: the condition is met, recorded, and the real wrapping worker does the step.
        var (wrappedExit, wrapped, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-wrap-2","amount":7,"giftWrap":true}""", "--wait", "--json");
        Assert.Equal(ExitCodes.Success, wrappedExit);
        var wrappedId = JsonDocument.Parse(wrapped).RootElement.GetProperty("workflowId").GetString()!;
        var (_, wrappedHistory, _) = await Sagas("history", wrappedId, "--json");
        using var wrappedEvents = JsonDocument.Parse(wrappedHistory);
        var types = wrappedEvents.RootElement.EnumerateArray()
            .Where(e => e.TryGetProperty("stepId", out var step) && step.GetString() == "gift-wrap")
            .Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["StepDispatched", "StepCompleted"], types);
        var wrap = wrappedEvents.RootElement.EnumerateArray().First(e => e.GetProperty("type").GetString() == "StepDispatched" && e.GetProperty("stepId").GetString() == "gift-wrap");
        Assert.True(wrap.GetProperty("data").GetProperty("condition").GetProperty("read").GetProperty("$.input.giftWrap").GetBoolean());
        Assert.DoesNotContain(wrappedEvents.RootElement.EnumerateArray(), e => e.GetProperty("type").GetString() == "StepSkipped" && e.GetProperty("stepId").GetString() == "gift-wrap");
    }

    [Fact]
    public async Task The_region_chooses_the_payment_provider_and_a_failure_is_refunded_by_the_provider_that_charged()
    {
        var (exitCode, output, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-eu-1","amount":7,"region":"eu","simulate":{"shipping":"fail"}}""", "--wait", "--json");

        Assert.Equal(ExitCodes.Invalid, exitCode);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("workflowId").GetString()!;
        var (_, status, _) = await Sagas("status", id);
        Assert.Contains("branches   charge-payment: europe", status, StringComparison.Ordinal);
        Assert.Contains("step     charge-payment#1 (payment-eu): Completed", status, StringComparison.Ordinal);

        var (_, history, _) = await Sagas("history", id, "--json");
        using var events = JsonDocument.Parse(history);
        var chosen = events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "BranchChosen").GetProperty("data");
        Assert.Equal(("europe", "payment-eu"), (chosen.GetProperty("case").GetString(), chosen.GetProperty("service").GetString()));
        Assert.Equal("eu", chosen.GetProperty("read").GetProperty("$.input.region").GetString());
        var refund = events.RootElement.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "StepCompensated" && e.GetProperty("stepId").GetString() == "charge-payment");
        Assert.Equal("eupay-cli-eu-1", refund.GetProperty("data").GetProperty("output").GetProperty("refunded").GetString());
    }

    [Fact]
    public async Task Status_of_an_unknown_workflow_says_so_and_exits_non_zero()
    {
        var id = Guid.NewGuid();

        var (exitCode, output, error) = await Sagas("status", id.ToString());

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"sagas: no workflow {id} is known (a start still in the queue is not yet recorded)", error.Trim());
    }

    [Fact]
    public async Task Cancel_with_wait_undoes_what_completed_and_reports_cancelled()
    {
        var (_, started, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-4","amount":7,"simulate":{"fraud":"slow:1500"}}""", "--json");
        var id = JsonDocument.Parse(started).RootElement.GetProperty("workflowId").GetString()!;
        await node.WhenRecordedAsync(Guid.Parse(id));

        var (exitCode, output, error) = await Sagas("cancel", id, "--reason", "customer called", "--wait", "--json");

        Assert.True(exitCode == ExitCodes.Success, error);
        using var result = JsonDocument.Parse(output);
        Assert.Equal("Cancelled", result.RootElement.GetProperty("status").GetString());
        Assert.Equal("cancelled: customer called", result.RootElement.GetProperty("error").GetString());
        Assert.Equal(["charge-payment", "reserve-inventory"], result.RootElement.GetProperty("compensatedSteps").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Cancel_and_retry_refuse_with_one_line_when_the_workflow_is_not_in_a_state_for_it()
    {
        var (_, started, _) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-5","amount":7}""", "--wait", "--json");
        var id = JsonDocument.Parse(started).RootElement.GetProperty("workflowId").GetString()!;

        var (cancelExit, _, cancelError) = await Sagas("cancel", id);
        var (retryExit, _, retryError) = await Sagas("retry", id);

        Assert.Equal((ExitCodes.UserError, $"sagas: workflow {id} is Completed; only a Running workflow (or one stopped at a blocked step) can be cancelled"), (cancelExit, cancelError.Trim()));
        Assert.Equal((ExitCodes.UserError, $"sagas: workflow {id} is Completed; only a Failed workflow or one that NeedsAttention can be retried"), (retryExit, retryError.Trim()));
    }

    [Fact]
    public async Task Start_with_count_and_an_ids_file_appends_each_started_id_to_the_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exitCode, _, error) = await Sagas("start", "order-fulfilment", "--input", """{"orderId":"cli-ids","amount":3}""", "--count", "3", "--ids-file", file);

            Assert.True(exitCode == ExitCodes.Success, error);
            var ids = (await File.ReadAllLinesAsync(file)).Select(Guid.Parse).ToList();
            Assert.Equal(3, ids.Distinct().Count());
            foreach (var id in ids)
            {
                Assert.Equal(Orchestration.Workflows.WorkflowStatus.Completed, (await node.FinishedAsync(id)).Status);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Workflows_list_shows_the_newest_first_filtered_by_definition_status_and_time()
    {
        var ids = new List<string>();
        foreach (var input in new[] { """{"orderId":"cli-list-1","amount":3}""", """{"orderId":"cli-list-2","amount":3,"simulate":{"payment":"fail"}}""", """{"orderId":"cli-list-3","amount":3}""" })
        {
            var (_, started, _) = await Sagas("start", "order-fulfilment", "--input", input, "--wait", "--json");
            ids.Add(JsonDocument.Parse(started).RootElement.GetProperty("workflowId").GetString()!);
        }

        var listed = await ListAsync("--definition", "order-fulfilment", "--since", "1h", "--limit", "1000");

        var ours = listed.Where(r => ids.Contains(r.Id)).ToList();
        Assert.Equal([ids[2], ids[1], ids[0]], ours.Select(r => r.Id));
        Assert.Equal(["Completed", "Compensated", "Completed"], ours.Select(r => r.Status));
        var compensated = await ListAsync("--status", "compensated", "--since", "1h", "--limit", "1000");
        Assert.Contains(compensated, r => r.Id == ids[1]);
        Assert.All(compensated, r => Assert.Equal("Compensated", r.Status));
        var newest = await ListAsync("--definition", "order-fulfilment", "--limit", "1");
        Assert.Equal(ids[2], Assert.Single(newest).Id);
        var nextPage = await ListAsync("--definition", "order-fulfilment", "--limit", "1", "--after", ids[2]);
        Assert.Equal(ids[1], Assert.Single(nextPage).Id);
    }

    [Fact]
    public async Task Workflows_list_refuses_an_unknown_status_or_since_with_one_line()
    {
        var (statusExit, _, statusError) = await Sagas("workflows", "list", "--status", "Finished");
        var (sinceExit, _, sinceError) = await Sagas("workflows", "list", "--since", "yesterday");

        Assert.Equal(ExitCodes.UserError, statusExit);
        Assert.Equal("sagas: --status 'Finished' is not a status; use one of Running, Completed, Failed, Rejected, Compensating, Compensated, NeedsAttention, Cancelled", statusError.Trim());
        Assert.Equal(ExitCodes.UserError, sinceExit);
        Assert.StartsWith("sagas: --since 'yesterday' is not a duration", sinceError.Trim());
    }

    private static async Task<IReadOnlyList<(string Id, string Status, string StartedAt)>> ListAsync(params string[] filters)
    {
        var (exitCode, output, error) = await Sagas(["workflows", "list", "--json", .. filters]);
        Assert.True(exitCode == ExitCodes.Success, error);
        using var rows = JsonDocument.Parse(output);
        return [.. rows.RootElement.EnumerateArray().Select(r => (r.GetProperty("workflowId").GetString()!, r.GetProperty("status").GetString()!, r.GetProperty("startedAt").GetString()!))];
    }

    private static Task<(int ExitCode, string Output, string Error)> Sagas(params string[] args) => EngineCli.RunAsync(args);
}
