using System.Text.Json;
using Sagas.Samples;

namespace Sagas.Cli.Tests.Definitions;

public sealed class When_validating_and_listing_the_samples
{
    [Fact]
    public async Task Every_sample_validates()
    {
        var run = await CliRun.Of("definitions", "validate", SampleDefinitions.Folder);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("order-fulfilment v1, 8 steps", run.Output);
        Assert.Contains("policies.yaml: policies (2 services, 0 workflows)", run.Output);
        Assert.Contains("0 invalid", run.Output);
    }

    [Fact]
    public async Task List_defaults_to_the_sample_folder_and_shows_each_definition()
    {
        var run = await CliRun.Of("definitions", "list", "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var list = JsonDocument.Parse(run.Output);
        var ids = list.RootElement.GetProperty("definitions").EnumerateArray().Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Contains("order-fulfilment", ids);
        Assert.Contains("customer-onboarding", ids);
        var order = list.RootElement.GetProperty("definitions").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "order-fulfilment");
        Assert.Equal(64, order.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task List_reads_the_folder_from_the_setting()
    {
        using var folder = new TempFolder();
        folder.Write("one.yaml", "id: only-one\nversion: 3\nsteps:\n  - id: a\n    service: s\n");

        var run = await CliRun.Of(new Dictionary<string, string?> { ["Sagas:Definitions:Path"] = folder.Path }, "definitions", "list");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("only-one", run.Output);
        Assert.DoesNotContain("order-fulfilment", run.Output);
    }

    [Fact]
    public async Task List_exits_non_zero_when_a_file_in_the_folder_is_invalid()
    {
        using var folder = new TempFolder();
        folder.Write("good.yaml", "id: good\nversion: 1\nsteps:\n  - id: a\n    service: s\n");
        var bad = folder.Write("bad.yaml", "id: bad\nversion: 1\nsteps: []\n");

        var run = await CliRun.Of("definitions", "list", "--path", folder.Path);

        Assert.Equal(ExitCodes.Invalid, run.ExitCode);
        Assert.Contains("good", run.Output);
        Assert.Contains($"{bad}:3:", run.Error);
    }
}
