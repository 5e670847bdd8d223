namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_is_not_allowed_here
{
    [Theory]
    [InlineData("load_balancing\n          enabled: false")]
    [InlineData("circuit_breaker")]
    [InlineData("limits\n          max_in_flight: 5")]
    public void Reports_a_per_service_policy_set_for_a_workflow(string policy)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              workflows:
                order-fulfilment:
                  policies:
                    - name: retry
                      max_attempts: 2
                    - name: {policy}
            """);

        var name = policy.Split('\n')[0];
        Assert.Equal(
            (ErrorCodes.PolicyNotAllowedHere, 7,
                $"'orchestration.workflows.order-fulfilment.policies[1]' sets {name}, which applies to a service's calls from every workflow, "
                + "so a workflow cannot have its own; set it under orchestration.policies or orchestration.services.NAME.policies"),
            error);
    }

    [Fact]
    public void Allows_per_service_policies_as_defaults_and_for_a_service()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              policies:
                - name: limits
                  max_per_second: 0.5
              services:
                payment:
                  policies:
                    - name: limits
                      max_in_flight: 10
            """);

        Assert.Equal(0.5, policies.Defaults.Limits!.MaxPerSecond);
        Assert.Equal(10, policies.Services["payment"].Policies.Limits!.MaxInFlight);
    }

    [Fact]
    public void Allows_failover_retry_and_dependency_resolution_for_a_workflow()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              workflows:
                w:
                  policies:
                    - name: failover
                      enabled: false
                    - name: retry
                      jitter: true
                    - name: dependency_resolution
                      on_unresolved: fail
            """);

        var scope = policies.Workflows["w"];
        Assert.NotNull(scope.Failover);
        Assert.NotNull(scope.Retry);
        Assert.NotNull(scope.Dependencies);
    }
}
