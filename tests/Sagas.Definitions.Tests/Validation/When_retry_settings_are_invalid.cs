namespace Sagas.Definitions.Tests.Validation;

public class When_retry_settings_are_invalid
{
    [Theory]
    [InlineData("0", "'retry.max_attempts' must be a whole number from 1 (attempts in all, the first included), not '0'")]
    [InlineData("-1", "'retry.max_attempts' must be a whole number from 1 (attempts in all, the first included), not '-1'")]
    [InlineData("2.5", "'retry.max_attempts' must be a whole number from 1 (attempts in all, the first included), not '2.5'")]
    [InlineData("five", "'retry.max_attempts' must be a whole number from 1 (attempts in all, the first included), not 'five'")]
    [InlineData("99999999999", "'retry.max_attempts' must be a whole number from 1 (attempts in all, the first included), not '99999999999'")]
    public void Reports_max_attempts_that_is_not_a_whole_number_from_1(string written, string message)
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                retry:
                  max_attempts: {written}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidMaxAttempts, 7, "charge", message), (error.Code, error.Line, error.StepId, error.Message));
    }

    [Theory]
    [InlineData("linear", "'retry.backoff' must be fixed or exponential, not 'linear'")]
    [InlineData("exponental", "'retry.backoff' must be fixed or exponential, not 'exponental' (did you mean 'exponential'?)")]
    [InlineData("Fixed", "'retry.backoff' must be fixed or exponential, not 'Fixed' (did you mean 'fixed'?)")]
    [InlineData("{ kind: fixed }", "'retry.backoff' must be fixed or exponential, not a mapping")]
    public void Reports_an_unknown_backoff_with_the_closest_known_one(string written, string message)
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                retry:
                  backoff: {written}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidBackoff, 7, "charge", message), (error.Code, error.Line, error.StepId, error.Message));
    }

    [Fact]
    public void Reports_max_delay_shorter_than_delay_at_the_line_of_max_delay()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                retry:
                  max_delay: 100ms
                  delay: 2s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.MaxDelayBelowDelay, 7, "charge"), (error.Code, error.Line, error.StepId));
        Assert.Equal("'retry.max_delay' 100ms is shorter than 'retry.delay' 2s; make it at least as long", error.Message);
    }

    [Fact]
    public void Reports_jitter_that_is_not_a_boolean()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                retry:
                  jitter: yes
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 7, "charge", "'retry.jitter' must be true or false, not 'yes'"), (error.Code, error.Line, error.StepId, error.Message));
    }

    [Fact]
    public void Reports_a_retry_that_is_not_a_mapping()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: charge
                service: payment
                retry: 3
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.WrongType, 6, "charge"), (error.Code, error.Line, error.StepId));
        Assert.Equal("'retry' must be a mapping of max_attempts, backoff, delay, max_delay, jitter, not a number", error.Message);
    }
}
