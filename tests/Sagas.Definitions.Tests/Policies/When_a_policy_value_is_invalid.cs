namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_value_is_invalid
{
    [Theory]
    [InlineData("failure_ratio: 1.5", "'orchestration.services.payment.policies[2].failure_ratio' must be a number above 0 and at most 1, not '1.5'")]
    [InlineData("failure_ratio: 0", "'orchestration.services.payment.policies[2].failure_ratio' must be a number above 0 and at most 1, not '0'")]
    [InlineData("failure_ratio: half", "'orchestration.services.payment.policies[2].failure_ratio' must be a number above 0 and at most 1, not 'half'")]
    [InlineData("minimum_calls: 0", "'orchestration.services.payment.policies[2].minimum_calls' must be a whole number from 1, not '0'")]
    [InlineData("minimum_calls: 2.5", "'orchestration.services.payment.policies[2].minimum_calls' must be a whole number from 1, not '2.5'")]
    [InlineData("when_open: fail-fast", "'orchestration.services.payment.policies[2].when_open' must be failover, wait or fail_fast, not 'fail-fast' (did you mean 'fail_fast'?)")]
    [InlineData("enabled: yes", "'orchestration.services.payment.policies[2].enabled' must be true or false, not 'yes'")]
    public void Reports_a_bad_circuit_breaker_value_by_its_key_path(string setting, string message)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              services:
                payment:
                  policies:
                    - name: failover
                      enabled: true
                    - name: retry
                      max_attempts: 3
                    - name: circuit_breaker
                      {setting}
            """);

        Assert.Equal((ErrorCodes.InvalidPolicyValue, 10, message), error);
    }

    [Theory]
    [InlineData("window: 30", "'orchestration.policies[0].window' is not a valid duration: '30' has no unit")]
    [InlineData("break_for: 0s", "'orchestration.policies[0].break_for' is not a valid duration: '0s' is zero")]
    public void Reports_a_bad_circuit_breaker_duration(string setting, string message)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              policies:
                - name: circuit_breaker
                  {setting}
            """);

        Assert.Equal(ErrorCodes.InvalidDuration, error.Code);
        Assert.Equal(4, error.Line);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("max_in_flight: 0", "'orchestration.policies[0].max_in_flight' must be a whole number from 1, not '0'")]
    [InlineData("max_in_flight: 1.5", "'orchestration.policies[0].max_in_flight' must be a whole number from 1, not '1.5'")]
    [InlineData("max_per_second: 0", "'orchestration.policies[0].max_per_second' must be a number above 0, not '0'")]
    [InlineData("max_per_second: -3", "'orchestration.policies[0].max_per_second' must be a number above 0, not '-3'")]
    [InlineData("max_per_second: .inf", "'orchestration.policies[0].max_per_second' must be a number above 0, not '.inf'")]
    public void Reports_a_bad_limit(string setting, string message)
    {
        var error = LoadPolicies.SingleError($"""
            orchestration:
              policies:
                - name: limits
                  {setting}
            """);

        Assert.Equal((ErrorCodes.InvalidPolicyValue, 4, message), error);
    }

    [Fact]
    public void Reports_an_unknown_balancing_algorithm_with_the_closest_one()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: load_balancing
                  enabled: true
                  algorithm: round-robin
            """);

        Assert.Equal(
            (ErrorCodes.InvalidPolicyValue, 5,
                "'orchestration.policies[0].algorithm' must be round_robin, weighted or least_outstanding, not 'round-robin' (did you mean 'round_robin'?)"),
            error);
    }

    [Fact]
    public void Reports_an_unknown_action_for_unresolved_input()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: dependency_resolution
                  on_unresolved: block
            """);

        Assert.Equal((ErrorCodes.InvalidPolicyValue, 4, "'orchestration.policies[0].on_unresolved' must be needs_attention or fail, not 'block'"), error);
    }

    [Fact]
    public void Reports_failover_enabled_that_is_not_a_boolean()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: failover
                  enabled: "true"
            """);

        Assert.Equal((ErrorCodes.InvalidPolicyValue, 4, "'orchestration.policies[0].enabled' must be true or false, not 'true'"), error);
    }

    [Fact]
    public void Reports_every_bad_value_of_a_file_in_file_order()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              workflows:
                w:
                  policies:
                    - name: dependency_resolution
                      on_unresolved: retry
              policies:
                - name: circuit_breaker
                  failure_ratio: 2
                  minimum_calls: -1
            """);

        Assert.Equal([(ErrorCodes.InvalidPolicyValue, 6), (ErrorCodes.InvalidPolicyValue, 9), (ErrorCodes.InvalidPolicyValue, 10)], result.CodesAndLines());
    }
}
