using System.Text.Json.Nodes;
using Sagas.Samples.Services;

namespace Sagas.Workers.Tests.Samples;

public sealed class When_a_simulation_is_read
{
    [Theory]
    [InlineData("glitch:2", 2)]
    [InlineData(" glitch:5 ", 5)]
    [InlineData("glitch:0", 0)]
    public void Glitch_takes_the_number_of_failing_tries(string directive, int tries) =>
        Assert.Equal(Simulation.None with { Glitches = tries }, Simulation.Parse(directive));

    [Fact]
    public void A_glitch_fails_the_first_tries_of_an_attempt_and_then_lets_them_through()
    {
        var glitch = Simulation.Parse("glitch:2");

        Assert.Equal([true, true, false], [glitch.GlitchesOn(1), glitch.GlitchesOn(2), glitch.GlitchesOn(3)]);
    }

    [Theory]
    [InlineData("glitch")]
    [InlineData("glitch:")]
    [InlineData("glitch:-1")]
    [InlineData("glitch:two")]
    public void A_glitch_without_a_count_is_refused_with_the_forms(string directive)
    {
        var error = Assert.Throws<ArgumentException>(() => Simulation.Parse(directive));

        Assert.Equal($"unknown simulation '{directive}'; use {Simulation.Forms}", error.Message);
        Assert.EndsWith("glitch:N or done-then-hang:N", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transient:2")]
    [InlineData("slow:200")]
    [InlineData("flapping:3")]
    [InlineData("hang")]
    public void The_other_forms_never_glitch(string directive) =>
        Assert.Equal(0, Simulation.Parse(directive).Glitches);

    [Fact]
    public void Done_then_hang_works_and_then_hangs_on_its_first_attempts_only()
    {
        var simulation = Simulation.Parse("done-then-hang:2");

        Assert.Equal(Simulation.None with { HangsAfterWork = 2 }, simulation);
        Assert.Equal([true, true, false], [simulation.HangsAfterWorkOn(1), simulation.HangsAfterWorkOn(2), simulation.HangsAfterWorkOn(3)]);
    }

    [Theory]
    [InlineData("done-then-hang")]
    [InlineData("done-then-hang:x")]
    public void Done_then_hang_without_a_count_is_refused(string directive) =>
        Assert.Throws<ArgumentException>(() => Simulation.Parse(directive));

    [Fact]
    public void A_run_s_input_wins_over_the_settings()
    {
        var input = new JsonObject { ["simulate"] = new JsonObject { ["payment"] = "glitch:1" } };
        var options = new SampleOptions { Simulate = { ["payment"] = "glitch:4" } };

        Assert.Equal(1, Simulation.For("payment", input, options).Glitches);
    }
}
