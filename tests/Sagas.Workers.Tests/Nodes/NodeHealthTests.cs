using Sagas.Workers.Nodes;

namespace Sagas.Workers.Tests.Nodes;

public sealed class NodeHealthTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private readonly NodeHealth _health = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void A_dependency_failing_for_less_than_the_grace_is_left_to_local_recovery()
    {
        _health.Observe("postgresql", "connection refused", Start);
        _health.Observe("postgresql", "connection refused", Start.AddSeconds(29));

        Assert.Null(_health.Unhealthy(Start.AddSeconds(29)));
    }

    [Fact]
    public void One_that_keeps_failing_makes_the_node_unhealthy_naming_it_since_when_and_its_latest_problem()
    {
        _health.Observe("postgresql", "connection refused", Start);
        _health.Observe("postgresql", "the database system is starting up", Start.AddSeconds(31));

        Assert.Equal("postgresql failing for 31 s (the database system is starting up)", _health.Unhealthy(Start.AddSeconds(31)));
    }

    [Fact]
    public void A_success_in_between_starts_the_count_again()
    {
        _health.Observe("rabbitmq", "Unhealthy: not connected", Start);
        _health.Observe("rabbitmq", null, Start.AddSeconds(20));
        _health.Observe("rabbitmq", "Unhealthy: not connected", Start.AddSeconds(25));

        Assert.Null(_health.Unhealthy(Start.AddSeconds(50)));
        Assert.NotNull(_health.Unhealthy(Start.AddSeconds(55)));
    }

    [Fact]
    public void Every_dependency_failing_too_long_is_named()
    {
        _health.Observe("rabbitmq", "Unhealthy: not connected", Start);
        _health.Observe("postgresql", "connection refused", Start.AddSeconds(5));

        Assert.Equal("postgresql failing for 35 s (connection refused); rabbitmq failing for 40 s (Unhealthy: not connected)", _health.Unhealthy(Start.AddSeconds(40)));
    }
}
