using System.Text.Json;

namespace Sagas.Cli.Tests.Definitions;

public sealed class When_validating_a_policy_file : IDisposable
{
    private const string Orders = """
        id: orders
        version: 1
        steps:
          - id: charge
            service: payment
        """;

    private const string GoodPolicies = """
        orchestration:
          services:
            payment:
              alternates: [payment-backup]
            payment-backup: {}
          workflows:
            orders:
              policies:
                - name: retry
                  max_attempts: 2
        """;

    private const string BadPolicies = """
        orchestration:
          policies:
            - name: circuit_breaker
              failure_ratio: 1.5
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Reports_a_good_one_beside_the_definitions_as_ok()
    {
        var orders = _folder.Write("orders.yaml", Orders);
        var policies = _folder.Write("policies.yaml", GoodPolicies);

        var run = await CliRun.Of("definitions", "validate", _folder.Path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains($"ok    {orders}: orders v1, 1 steps", run.Output);
        Assert.Contains($"ok    {policies}: policies (2 services, 1 workflows)", run.Output);
        Assert.Contains("2 valid, 0 invalid", run.Output);
    }

    [Fact]
    public async Task Exits_non_zero_for_a_bad_one_and_names_the_file_line_and_key_path()
    {
        _folder.Write("orders.yaml", Orders);
        var policies = _folder.Write("policies.yaml", BadPolicies);

        var run = await CliRun.Of("definitions", "validate", _folder.Path);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"FAIL  {policies}: 1 error", run.Output);
        Assert.Contains(
            $"{policies}:4:22: 'orchestration.policies[0].failure_ratio' must be a number above 0 and at most 1, not '1.5' [invalid-policy-value]",
            run.Output);
        Assert.Contains("1 valid, 1 invalid", run.Output);
    }

    [Fact]
    public async Task Validates_a_policy_file_named_on_its_own()
    {
        var policies = _folder.Write("policies.yaml", BadPolicies);

        var run = await CliRun.Of("definitions", "validate", policies);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"FAIL  {policies}: 1 error", run.Output);
    }

    [Fact]
    public async Task Reports_a_workflow_and_an_alternate_the_definitions_do_not_know()
    {
        _folder.Write("orders.yaml", Orders);
        var policies = _folder.Write("policies.yaml", """
            orchestration:
              services:
                payment:
                  alternates: [payment-backup]
              workflows:
                order:
                  policies:
                    - name: retry
                      max_attempts: 2
            """);

        var run = await CliRun.Of("definitions", "validate", _folder.Path);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"FAIL  {policies}: 2 errors", run.Output);
        Assert.Contains($"{policies}:3: 'orchestration.services.payment.alternates' lists unknown service 'payment-backup'", run.Output);
        Assert.Contains($"{policies}:8: 'orchestration.workflows.order' names no workflow definition (did you mean 'orders'?); known: orders [unknown-workflow]", run.Output);
    }

    [Fact]
    public async Task Reports_an_unknown_alternate_of_a_step_in_the_definition_s_file()
    {
        var orders = _folder.Write("orders.yaml", Orders + "\n    alternates: [payment-legacy]\n");
        _folder.Write("policies.yaml", "orchestration: {}\n");

        var run = await CliRun.Of("definitions", "validate", _folder.Path);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"FAIL  {orders}: 1 error", run.Output);
        Assert.Contains($"{orders}:4: step 'charge': 'alternates' lists unknown service 'payment-legacy'", run.Output);
    }

    [Fact]
    public async Task Includes_it_in_the_json_report()
    {
        var policies = _folder.Write("policies.yaml", BadPolicies);
        _folder.Write("orders.yaml", Orders);

        var run = await CliRun.Of("definitions", "validate", _folder.Path, "--json");

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        var file = report.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("file").GetString() == policies);
        Assert.False(file.GetProperty("valid").GetBoolean());
        var error = Assert.Single(file.GetProperty("errors").EnumerateArray());
        Assert.Equal(("invalid-policy-value", 4), (error.GetProperty("code").GetString(), error.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Summarises_a_good_one_in_the_json_report()
    {
        _folder.Write("orders.yaml", Orders);
        _folder.Write("policies.yaml", GoodPolicies);

        var run = await CliRun.Of("definitions", "validate", _folder.Path, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        var summary = report.RootElement.GetProperty("files")[1].GetProperty("policies");
        Assert.Equal(["payment", "payment-backup"], summary.GetProperty("services").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["orders"], summary.GetProperty("workflows").EnumerateArray().Select(s => s.GetString()));
    }

    public void Dispose() => _folder.Dispose();
}
