using System.Text.Json;

namespace Sagas.Cli.Tests.Definitions;

public sealed class When_validating_a_bad_definition : IDisposable
{
    private const string UnknownDependency = """
        id: broken
        version: 1
        steps:
          - id: reserve
            service: inventory
          - id: ship
            service: shipping
            depends_on: [reserve, pack]
        """;

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Exits_non_zero_and_names_the_file_line_and_step()
    {
        var file = _folder.Write("broken.yaml", UnknownDependency);

        var run = await CliRun.Of("definitions", "validate", file);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"{file}:8:", run.Output);
        Assert.Contains("step 'ship': depends on unknown step 'pack'", run.Output);
        Assert.Contains("0 valid, 1 invalid", run.Output);
    }

    [Fact]
    public async Task Fails_the_whole_run_when_one_of_several_files_is_bad()
    {
        var good = _folder.Write("good.yaml", "id: good\nversion: 1\nsteps:\n  - id: a\n    service: s\n");
        var bad = _folder.Write("broken.yaml", UnknownDependency);

        var run = await CliRun.Of("definitions", "validate", good, bad);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains($"ok    {good}", run.Output);
        Assert.Contains($"FAIL  {bad}", run.Output);
    }

    [Fact]
    public async Task Reports_errors_as_json_when_asked()
    {
        var file = _folder.Write("broken.yaml", UnknownDependency);

        var run = await CliRun.Of("definitions", "validate", file, "--json");

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        Assert.False(report.RootElement.GetProperty("valid").GetBoolean());
        var error = report.RootElement.GetProperty("files")[0].GetProperty("errors")[0];
        Assert.Equal("unknown-dependency", error.GetProperty("code").GetString());
        Assert.Equal(8, error.GetProperty("line").GetInt32());
        Assert.Equal("ship", error.GetProperty("step").GetString());
    }

    [Fact]
    public async Task Reports_a_missing_file_as_invalid_without_a_stack_trace()
    {
        var run = await CliRun.Of("definitions", "validate", Path.Combine(_folder.Path, "nope.yaml"));

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains("no such file [file-not-found]", run.Output);
        Assert.DoesNotContain("   at ", run.Output + run.Error);
    }

    public void Dispose() => _folder.Dispose();
}
