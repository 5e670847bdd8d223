using Sagas.Workers.Instances;

namespace Sagas.Workers.Tests.Instances;

public sealed class A_nodes_service_instances
{
    [Fact]
    public void Are_one_per_service_hosted_each_with_a_queue_of_its_own_named_for_its_endpoint_and_node()
    {
        var instances = ServiceInstance.For("Build_Host-42-a1b2c3", ["payment", "payment@payment-eu-2", "inventory", "payment"]);

        Assert.Equal(
            [
                new ServiceInstance("payment", "payment", "payment.build-host-42-a1b2c3"),
                new ServiceInstance("payment", "payment-eu-2", "payment-eu-2.build-host-42-a1b2c3"),
                new ServiceInstance("inventory", "inventory", "inventory.build-host-42-a1b2c3"),
            ],
            instances);
    }

    [Fact]
    public void Consume_their_own_queue_their_endpoints_and_their_services_shared_one()
    {
        var joined = Assert.Single(ServiceInstance.For("n", ["payment@payment-eu-2"]));

        Assert.Equal(["payment-eu-2.n", "payment-eu-2", "payment"], joined.Queues);
        Assert.Equal(["payment.n", "payment"], Assert.Single(ServiceInstance.For("n", ["payment"])).Queues);
    }

    [Fact]
    public void Count_a_command_for_the_instance_whose_queue_it_came_from()
    {
        var hosted = new HostedInstances(ServiceInstance.For("n", ["payment", "payment@payment-eu-2"]));

        Assert.Equal("payment-eu-2.n", hosted.For("payment", "payment-eu-2.n")!.Queue);
        Assert.Equal("payment-eu-2.n", hosted.For("payment", "payment-eu-2")!.Queue);
        Assert.Equal("payment.n", hosted.For("payment", "payment")!.Queue);
        Assert.Null(hosted.For("shipping", "shipping"));
    }
}
