using Sagas.Workers.Resilience;

namespace Sagas.Workers.Tests.Resilience;

public sealed class When_a_service_has_its_own_resilience_settings
{
    private static readonly Dictionary<string, string?> PaymentRetriesFourTimes = new()
    {
        ["Sagas:Workers:Resilience:Services:payment:Retries"] = "4",
    };

    [Fact]
    public async Task Its_retries_apply_to_its_calls()
    {
        using var node = WorkerNode.Start(new() { ["payment"] = "glitch:4" }, PaymentRetriesFourTimes);

        var outcome = await node.Handlers.HandleAsync("payment", WorkerNode.Request(), CancellationToken.None);

        Assert.IsType<StepOutcome.Success>(outcome);
    }

    [Fact]
    public async Task Other_services_keep_the_default()
    {
        using var node = WorkerNode.Start(new() { ["inventory"] = "glitch:4" }, PaymentRetriesFourTimes);

        var outcome = await node.Handlers.HandleAsync("inventory", WorkerNode.Request(), CancellationToken.None);

        var failure = Assert.IsType<StepOutcome.Failure>(outcome);
        Assert.Contains("(try 3)", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void It_inherits_every_value_it_does_not_set_from_the_default()
    {
        var configuration = WorkerNode.Configuration(new Dictionary<string, string?>
        {
            ["Sagas:Workers:Resilience:Default:Timeout"] = "00:00:02",
            ["Sagas:Workers:Resilience:Default:Retries"] = "1",
            ["Sagas:Workers:Resilience:Services:payment:Retries"] = "4",
        });

        var options = OutsideCallOptions.From(configuration);

        Assert.Equal(new OutsideCallSettings { Timeout = TimeSpan.FromSeconds(2), Retries = 4 }, options.For("payment"));
        Assert.Equal(new OutsideCallSettings { Timeout = TimeSpan.FromSeconds(2), Retries = 1 }, options.For("inventory"));
    }
}
