namespace Sagas.Definitions.Tests.Policies;

public class When_a_policy_is_set_twice
{
    private const string Twice = """
        orchestration:
          services:
            payment:
              policies:
                - name: retry
                  max_attempts: 3
                - name: failover
                  enabled: true
                - name: retry
                  max_attempts: 5
        """;

    [Fact]
    public void Reports_the_second_with_the_line_of_the_first()
    {
        var error = LoadPolicies.SingleError(Twice);

        Assert.Equal(
            (ErrorCodes.DuplicatePolicy, 9, "'orchestration.services.payment.policies[2]' sets retry again (first on line 5); write each policy once per list"),
            error);
    }

    [Fact]
    public void Allows_the_same_policy_in_different_scopes()
    {
        var policies = LoadPolicies.ValidYaml("""
            orchestration:
              policies:
                - name: retry
                  max_attempts: 3
              services:
                payment:
                  policies:
                    - name: retry
                      max_attempts: 5
              workflows:
                w:
                  policies:
                    - name: retry
                      max_attempts: 2
            """);

        Assert.Equal([3, 5, 2], new[] { policies.Defaults, policies.Services["payment"].Policies, policies.Workflows["w"] }.Select(s => s.Retry!.MaxAttempts!.Value));
    }

    [Fact]
    public void Still_reports_what_is_wrong_inside_the_repeated_one()
    {
        var result = LoadPolicies.Yaml(Twice.Replace("max_attempts: 5", "max_attempts: 0", StringComparison.Ordinal));

        Assert.Equal([(ErrorCodes.DuplicatePolicy, 9), (ErrorCodes.InvalidMaxAttempts, 10)], result.CodesAndLines());
        Assert.Null(result.Policies);
    }

    [Fact]
    public void Keeps_nothing_of_a_file_with_errors()
    {
        Assert.Null(LoadPolicies.Yaml(Twice).Policies);
    }
}
