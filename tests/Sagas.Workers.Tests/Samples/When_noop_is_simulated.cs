using System.Text.Json.Nodes;
using Sagas.Samples.Services;

namespace Sagas.Workers.Tests.Samples;

/// <summary>The benchmark's noop service acts on a simulation as every sample service does, and answers at once without one.</summary>
public sealed class When_noop_is_simulated
{
    [Fact]
    public async Task Without_a_simulation_it_completes_and_fails_only_when_its_input_asks()
    {
        var noop = new NoopService(new SampleOptions(), TimeProvider.System);

        Assert.IsType<StepOutcome.Success>(await noop.HandleAsync(Request(new JsonObject()), CancellationToken.None));
        Assert.Equal(new StepOutcome.Failure("asked to fail", false), await noop.HandleAsync(Request(new JsonObject { ["fail"] = "permanent" }), CancellationToken.None));
    }

    [Theory]
    [InlineData("transient:1", "simulated transient failure of noop (attempt 1; the first 1 fail)")]
    [InlineData("permanent", "simulated failure of noop")]
    [InlineData("flapping:1", "simulated flapping of noop: down for this call")]
    public async Task A_simulation_from_the_settings_fails_it_as_it_fails_any_sample_service(string simulation, string reason)
    {
        var noop = new NoopService(new SampleOptions { Simulate = { ["noop"] = simulation } }, TimeProvider.System);

        var outcome = await noop.HandleAsync(Request(new JsonObject()), CancellationToken.None);

        Assert.Equal(reason, Assert.IsType<StepOutcome.Failure>(outcome).Reason);
    }

    [Fact]
    public async Task A_run_s_input_simulates_it_too()
    {
        var noop = new NoopService(new SampleOptions { Simulate = { ["other"] = "permanent" } }, TimeProvider.System);

        var outcome = await noop.HandleAsync(Request(new JsonObject { ["simulate"] = new JsonObject { ["noop"] = "permanent" } }), CancellationToken.None);

        Assert.Equal(new StepOutcome.Failure("simulated failure of noop", false), outcome);
    }

    private static StepRequest Request(JsonObject input) => new(Guid.NewGuid(), "bench", "step-1", 1, input);
}
