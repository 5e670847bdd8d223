namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_is_unknown
{
    [Fact]
    public void Reports_the_name_with_the_closest_policy()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: failover
                  enabled: true
                - name: circuit_braker
                  window: 30s
            """);

        Assert.Equal(
            (ErrorCodes.UnknownPolicy, 5,
                "'orchestration.policies[1].name' 'circuit_braker' is not a policy (did you mean 'circuit_breaker'?); "
                + "name one of: failover, load_balancing, retry, circuit_breaker, limits, dependency_resolution"),
            error);
    }

    [Fact]
    public void Reports_an_entry_without_a_name()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              services:
                payment:
                  policies:
                    - max_attempts: 3
            """);

        Assert.Equal(ErrorCodes.MissingKey, error.Code);
        Assert.Equal(5, error.Line);
        Assert.StartsWith("'orchestration.services.payment.policies[0]' has no 'name'; name one of: failover,", error.Message);
    }

    [Fact]
    public void Reports_policies_that_are_not_a_list_of_mappings()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              policies:
                - failover
              workflows:
                w:
                  policies: { name: retry }
            """);

        Assert.Equal(
            [
                (ErrorCodes.WrongType, 3, "'orchestration.policies[0]' must be a mapping with a name and the policy's settings, not a string"),
                (ErrorCodes.WrongType, 6, "'orchestration.workflows.w.policies' must be a list of policies, each with a name, not a mapping"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }

    [Fact]
    public void Reports_a_file_that_is_not_a_mapping()
    {
        var error = LoadPolicies.SingleError("- name: failover\n");

        Assert.Equal((ErrorCodes.WrongType, 1, "a policy file must be a mapping with the one key 'orchestration', not a list"), error);
    }
}
