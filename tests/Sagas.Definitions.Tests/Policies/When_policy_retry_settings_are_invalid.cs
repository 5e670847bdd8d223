namespace Sagas.Definitions.Tests.Policies;

public class When_policy_retry_settings_are_invalid
{
    [Fact]
    public void Reports_max_delay_below_delay_by_its_key_path()
    {
        var error = LoadPolicies.SingleError("""
            orchestration:
              policies:
                - name: retry
                  delay: 2s
                  max_delay: 500ms
            """);

        Assert.Equal(
            (ErrorCodes.MaxDelayBelowDelay, 5, "'orchestration.policies[0].max_delay' 500ms is shorter than 'orchestration.policies[0].delay' 2s; make it at least as long"),
            error);
    }

    [Fact]
    public void Reports_every_bad_retry_key_with_the_step_retry_s_codes()
    {
        var result = LoadPolicies.Yaml("""
            orchestration:
              workflows:
                w:
                  policies:
                    - name: retry
                      max_attempts: 0
                      backoff: linear
                      jitter: 1
                      max_attempt: 3
            """);

        Assert.Equal(
            [
                (ErrorCodes.InvalidMaxAttempts, 6, "'orchestration.workflows.w.policies[0].max_attempts' must be a whole number from 1 (attempts in all, the first included), not '0'"),
                (ErrorCodes.InvalidBackoff, 7, "'orchestration.workflows.w.policies[0].backoff' must be fixed or exponential, not 'linear'"),
                (ErrorCodes.WrongType, 8, "'orchestration.workflows.w.policies[0].jitter' must be true or false, not '1'"),
                (ErrorCodes.UnknownKey, 9,
                    "unknown key 'orchestration.workflows.w.policies[0].max_attempt' (did you mean 'max_attempts'?); expected one of: name, max_attempts, backoff, delay, max_delay, jitter"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.Message)));
    }
}
