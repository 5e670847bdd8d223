using Sagas.Definitions.Policies;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Nodes;
using static Sagas.Orchestration.Tests.Discovery.Registry;

namespace Sagas.Orchestration.Tests.Discovery;

public sealed class The_service_directory
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    // Refreshed every 30 s: an instance whose node was heard within 15 s (and two of its 5 s intervals) is fresh.
    private static readonly DiscoveryPolicy Policy = DiscoveryPolicy.Default;

    [Fact]
    public void Puts_the_live_healthy_instances_of_each_service_in_the_rotation()
    {
        var directory = ServiceDirectory.From(
            [Node("a", Now.AddSeconds(-3), Instance("payment", "a"), Instance("inventory", "a")), Node("b", Now.AddSeconds(-1), Instance("payment", "b", "payment-eu-2"))],
            Policy, Now);

        var payment = directory.Of("payment")!;
        Assert.Equal(["payment-eu-2.b", "payment.a"], payment.Instances.Select(i => i.Queue));
        Assert.All(payment.Instances, i => Assert.True(i.InRotation));
        Assert.Equal(["payment-eu-2.b"], payment.In("payment-eu-2").Select(i => i.Queue));
        Assert.Single(directory.Of("inventory")!.Instances);
        Assert.Null(directory.Of("shipping"));
    }

    [Fact]
    public void Takes_out_an_instance_whose_node_went_quiet_or_was_lost_saying_why_and_forgets_one_that_stopped()
    {
        var quiet = Node("quiet", Now.AddSeconds(-16), Instance("payment", "quiet"));
        var stopped = Node("stopped", Now.AddSeconds(-2), Instance("payment", "stopped"));
        stopped.Status = NodeStatus.Stopped;
        var lost = Node("lost", Now.AddSeconds(-40), Instance("payment", "lost"));
        lost.Status = NodeStatus.Lost;

        var reasons = ServiceDirectory.From([quiet, stopped, lost], Policy, Now).Of("payment")!.Instances.ToDictionary(i => i.Node, i => i.OutBecause);

        Assert.Equal("no heartbeat from its node quiet for 16 s", reasons["quiet"]);
        Assert.Equal("its node lost is lost: no heartbeat for 40 s", reasons["lost"]);
        Assert.False(reasons.ContainsKey("stopped"));
        Assert.Null(ServiceDirectory.From([stopped], Policy, Now).Of("payment"));
    }

    [Fact]
    public void Takes_out_the_instances_of_an_unhealthy_node_and_one_whose_own_check_fails()
    {
        var sick = Node("sick", Now, Instance("payment", "sick"));
        sick.Unhealthy = "postgres failing for 31 s (connection refused)";
        var failing = Node("failing", Now, Instance("payment", "failing", health: "unhealthy", problem: "in maintenance"));
        var degraded = Node("degraded", Now, Instance("payment", "degraded", health: "degraded", problem: "slow disk"));

        var payment = ServiceDirectory.From([sick, failing, degraded], Policy, Now).Of("payment")!.Instances.ToDictionary(i => i.Node);

        Assert.Equal("its node sick is unhealthy: postgres failing for 31 s (connection refused)", payment["sick"].OutBecause);
        Assert.Equal("its health check fails: in maintenance", payment["failing"].OutBecause);
        Assert.True(payment["degraded"].InRotation);
    }

    [Fact]
    public void Leaves_a_failing_check_in_the_rotation_when_health_checks_are_off()
    {
        var failing = Node("failing", Now, Instance("payment", "failing", health: "unhealthy", problem: "in maintenance"));

        var payment = ServiceDirectory.From([failing], Policy with { HealthCheck = false }, Now).Of("payment")!;

        Assert.True(Assert.Single(payment.Instances).InRotation);
    }

    [Fact]
    public void Waits_at_least_two_of_a_nodes_own_intervals_when_the_refresh_is_short()
    {
        var node = Node("slow-beat", Now.AddSeconds(-7), Instance("payment", "slow-beat"));

        var entry = Assert.Single(ServiceDirectory.From([node], Policy with { RefreshInterval = TimeSpan.FromSeconds(2) }, Now).Of("payment")!.Instances);

        Assert.True(entry.InRotation, "heard 7 s ago from a node that beats every 5 s: still fresh");
    }

    [Fact]
    public void Forgets_a_node_gone_for_an_hour_and_knows_nothing_when_discovery_is_off()
    {
        var gone = Node("gone", Now - ServiceDirectory.ForgetAfter, Instance("payment", "gone"));
        gone.Status = NodeStatus.Lost;
        var live = Node("live", Now, Instance("payment", "live"));

        Assert.Null(ServiceDirectory.From([gone], Policy, Now).Of("payment"));
        Assert.Null(ServiceDirectory.From([live], Policy with { Enabled = false }, Now).Of("payment"));
        Assert.Equal(TimeSpan.FromSeconds(7.5), ServiceDirectory.From([live], Policy, Now).RecheckEvery);
    }
}
