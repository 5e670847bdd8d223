using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Sagas.Workers.Instances;
using Sagas.Workers.Nodes;

namespace Sagas.Workers.Tests.Instances;

public sealed class An_instances_registration
{
    private static readonly NodeIdentity Identity = new("n", ["worker"], ["payment", "inventory"], 16, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("healthy", "healthy", null)]
    [InlineData("degraded", "degraded", "slow disk")]
    [InlineData("unhealthy", "unhealthy", "in maintenance")]
    [InlineData("throws", "unhealthy", "its health check threw InvalidOperationException: no connection")]
    public async Task Says_what_the_handlers_health_check_says(string says, string health, string? problem)
    {
        var registration = RegistrationOf(new CheckedHandler(says));

        var report = Assert.Single(await registration.ReportAsync(CancellationToken.None), r => r.Service == "payment");

        Assert.Equal((health, problem, "payment.n", "payment", 16), (report.Health, report.Problem, report.Queue, report.Endpoint, report.Capacity));
    }

    [Fact]
    public async Task Calls_a_service_without_a_check_healthy_and_carries_its_last_minute()
    {
        var stats = new InstanceStats();
        var registration = RegistrationOf(new CheckedHandler("healthy"), stats);
        var inventory = new ServiceInstance("inventory", "inventory", "inventory.n");
        stats.Started(inventory);

        var report = Assert.Single(await registration.ReportAsync(CancellationToken.None), r => r.Service == "inventory");

        Assert.Equal(("healthy", null, 1), (report.Health, report.Problem, report.InFlight));
    }

    [Fact]
    public async Task Names_an_instance_whose_check_fails_as_a_degraded_part_of_its_node()
    {
        var registration = RegistrationOf(new CheckedHandler("unhealthy"));
        Assert.Null(registration.Degraded);

        await registration.ReportAsync(CancellationToken.None);

        Assert.Equal("instances (payment.n unhealthy: in maintenance)", DegradedParts.Describe([registration]));
    }

    private static InstanceRegistration RegistrationOf(CheckedHandler payment, InstanceStats? stats = null) =>
        new(new HostedInstances(ServiceInstance.For("n", ["payment", "inventory"])), [payment, new PlainHandler()], stats ?? new InstanceStats(), Identity,
            new NodeOptions { HeartbeatInterval = TimeSpan.FromSeconds(5) }, new FakeTimeProvider(DateTimeOffset.UnixEpoch));

    private sealed class CheckedHandler(string says) : IStepHandler, IHealthCheck
    {
        public string Service => "payment";

        public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.Completed());

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => says switch
        {
            "healthy" => Task.FromResult(HealthCheckResult.Healthy()),
            "degraded" => Task.FromResult(HealthCheckResult.Degraded("slow disk")),
            "unhealthy" => Task.FromResult(HealthCheckResult.Unhealthy("in maintenance")),
            _ => throw new InvalidOperationException("no connection"),
        };
    }

    private sealed class PlainHandler : IStepHandler
    {
        public string Service => "inventory";

        public Task<StepOutcome> HandleAsync(StepRequest request, CancellationToken cancellationToken) => Task.FromResult(StepOutcome.Completed());
    }
}
