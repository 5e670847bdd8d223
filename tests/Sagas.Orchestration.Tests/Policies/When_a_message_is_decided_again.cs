using Sagas.Definitions.Policies;
using Sagas.Orchestration.Policies;

namespace Sagas.Orchestration.Tests.Policies;

/// <summary>
/// A saga message whose write lost a race runs again and asks the node's circuits and balancers
/// the same questions under the same keys: they answer as before and count it once.
/// </summary>
public sealed class When_a_message_is_decided_again
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);
    private static readonly CircuitBreakerPolicy Breaker = new() { MinimumCalls = 2, FailureRatio = 0.5, Line = 1 };

    [Fact]
    public void A_result_counted_again_under_its_key_is_counted_once_and_gives_the_same_change()
    {
        var breakers = new CircuitBreakers();

        Assert.Null(breakers.Record("payment", Breaker, failed: true, Now, "wf@3/charge#1/outcome"));
        Assert.Null(breakers.Record("payment", Breaker, failed: true, Now, "wf@3/charge#1/outcome"));
        Assert.Equal(CircuitState.Closed, breakers.StateOf("payment", Now));

        var opened = breakers.Record("payment", Breaker, failed: true, Now, "wf2@5/charge#1/outcome");
        Assert.Equal(CircuitState.Open, opened!.To);
        // The message that opened it, run again, records the same opening.
        Assert.Equal(opened, breakers.Record("payment", Breaker, failed: true, Now, "wf2@5/charge#1/outcome"));
    }

    [Fact]
    public void A_dispatch_decided_again_goes_to_the_same_endpoint_and_counts_one_step_out()
    {
        var balancers = new EndpointBalancers();
        ServiceEndpoint[] endpoints = [new("pay-a", 1, 1), new("pay-b", 1, 2)];

        var first = balancers.Choose("payment", endpoints, BalancingAlgorithm.LeastOutstanding, "wf@2/charge#1/payment");
        var again = balancers.Choose("payment", endpoints, BalancingAlgorithm.LeastOutstanding, "wf@2/charge#1/payment");
        var next = balancers.Choose("payment", endpoints, BalancingAlgorithm.LeastOutstanding, "wf2@2/charge#1/payment");

        Assert.Equal(first, again);
        // Only one step is out on the first endpoint, so the next goes to the other.
        Assert.NotEqual(first.Endpoint, next.Endpoint);
    }
}
