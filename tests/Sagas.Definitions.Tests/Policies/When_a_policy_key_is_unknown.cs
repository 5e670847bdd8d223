namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_key_is_unknown
{
    [Fact]
    public void Reports_a_top_level_key_other_than_orchestration_with_a_suggestion()
    {
        var error = LoadPolicies.SingleError("orchestraton:\n  policies: []\n");

        Assert.Equal(
            (ErrorCodes.UnknownKey, 1, "unknown key 'orchestraton' (did you mean 'orchestration'?); expected one of: orchestration"),
            error);
    }

    [Fact]
    public void Reports_an_unknown_key_of_orchestration_by_its_path()
    {
        var error = LoadPolicies.SingleError("orchestration:\n  service: {}\n");

        Assert.Equal(
            (ErrorCodes.UnknownKey, 2, "unknown key 'orchestration.service' (did you mean 'services'?); expected one of: policies, services, workflows, analytics, service_discovery, adaptive"),
            error);
    }

    [Fact]
    public void Reports_an_unknown_key_of_a_policy_by_its_path()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: failover
                  enabled: true
                - name: circuit_breaker
                  failure_ration: 0.5
            """);

        Assert.Equal(
            (ErrorCodes.UnknownKey, 6,
                "unknown key 'orchestration.policies[1].failure_ration' (did you mean 'failure_ratio'?); "
                + "expected one of: name, failure_ratio, window, break_for, minimum_calls, when_open, enabled"),
            error);
    }

    [Fact]
    public void Reports_an_unknown_key_of_a_service_and_of_a_workflow()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              services:
                payment:
                  alternate: [payment-backup]
              workflows:
                order-fulfilment:
                  policy: []
            """);

        Assert.Equal(
            [
                (ErrorCodes.UnknownKey, 4, "unknown key 'orchestration.services.payment.alternate' (did you mean 'alternates'?); expected one of: endpoints, alternates, policies, adaptive"),
                (ErrorCodes.UnknownKey, 7, "unknown key 'orchestration.workflows.order-fulfilment.policy'; expected one of: policies"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }

    [Fact]
    public void Reports_an_unknown_key_of_an_endpoint()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  endpoints:
                    - name: payment-eu
                      wieght: 3
            """);

        Assert.Equal(
            (ErrorCodes.UnknownKey, 6, "unknown key 'orchestration.services.payment.endpoints[0].wieght' (did you mean 'weight'?); expected one of: name, weight"),
            error);
    }

    [Fact]
    public void Reports_a_key_written_twice()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: failover
                  enabled: true
                  enabled: false
            """);

        Assert.Equal((ErrorCodes.DuplicateKey, 5, "key 'orchestration.policies[0].enabled' is written twice (first on line 4)"), error);
    }
}
