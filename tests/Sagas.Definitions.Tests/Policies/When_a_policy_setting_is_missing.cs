namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_setting_is_missing
{
    [Theory]
    [InlineData("failover")]
    [InlineData("load_balancing\n      algorithm: weighted")]
    public void Reports_failover_or_load_balancing_without_enabled(string policy)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              policies:
                - name: retry
                - name: {policy}
            """);

        Assert.Equal((ErrorCodes.MissingKey, 4, "'orchestration.policies[1]' has no 'enabled'; write enabled: true or enabled: false"), error);
    }

    [Fact]
    public void Reports_an_enabled_balancer_without_an_algorithm()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  policies:
                    - name: load_balancing
                      enabled: true
            """);

        Assert.Equal(
            (ErrorCodes.MissingKey, 5, "'orchestration.services.payment.policies[0]' is enabled but has no 'algorithm'; write algorithm: round_robin, weighted, least_outstanding"),
            error);
    }

    [Fact]
    public void Reports_limits_that_set_no_limit()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: limits
            """);

        Assert.Equal((ErrorCodes.MissingKey, 3, "'orchestration.policies[0]' sets no limit; give max_in_flight, max_per_second or both"), error);
    }

    [Fact]
    public void Reports_dependency_resolution_without_on_unresolved()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: dependency_resolution
            """);

        Assert.Equal((ErrorCodes.MissingKey, 3, "'orchestration.policies[0]' has no 'on_unresolved'; write on_unresolved: needs_attention or fail"), error);
    }
}
