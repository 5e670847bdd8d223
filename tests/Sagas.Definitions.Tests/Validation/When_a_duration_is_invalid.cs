namespace Sagas.Definitions.Tests.Validation;

/// <summary>Every duration key (timeout, deadline, a retry's delay and max_delay) takes one form, named in each error.</summary>
public class When_a_duration_is_invalid
{
    private const string Forms = "write a whole number from 1 followed by ms, s, m or h, e.g. 500ms, 30s, 2m or 1h, at most 24h";

    [Theory]
    [InlineData("30", "'timeout' is not a valid duration: '30' has no unit; " + Forms)]
    [InlineData("'30'", "'timeout' is not a valid duration: '30' has no unit; " + Forms)]
    [InlineData("0s", "'timeout' is not a valid duration: '0s' is zero; " + Forms)]
    [InlineData("-5s", "'timeout' is not a valid duration: '-5s' is negative; " + Forms)]
    [InlineData("30sec", "'timeout' is not a valid duration: '30sec' has unknown unit 'sec'; " + Forms)]
    [InlineData("1.5s", "'timeout' is not a valid duration: '1.5s' does not start with a whole number; " + Forms)]
    [InlineData("soon", "'timeout' is not a valid duration: 'soon' does not start with a number; " + Forms)]
    [InlineData("25h", "'timeout' is not a valid duration: '25h' is longer than 24h; " + Forms)]
    [InlineData("true", "'timeout' must be a duration, not a boolean; " + Forms)]
    [InlineData("[30s]", "'timeout' must be a duration, not a list; " + Forms)]
    public void Reports_a_step_timeout_at_its_line_with_the_step_and_the_accepted_forms(string written, string message)
    {
        var result = Load.Yaml($"""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: charge
                service: payment
                timeout: {written}
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidDuration, 8, 14, "charge"), (error.Code, error.Line, error.Column, error.StepId));
        Assert.Equal(message, error.Message);
        Assert.Equal($"test.yaml:8:14: step 'charge': {message} [invalid-duration]", error.ToString());
    }

    [Fact]
    public void Reports_the_workflow_deadline_without_a_step()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            deadline: 2d
            steps:
              - id: a
                service: s
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ErrorCodes.InvalidDuration, 3, null), (error.Code, error.Line, error.StepId));
        Assert.Equal($"'deadline' is not a valid duration: '2d' has unknown unit 'd'; {Forms}", error.Message);
    }

    [Fact]
    public void Reports_the_delays_of_a_retry_block_by_their_full_key()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                retry:
                  delay: 200
                  max_delay: 48h
            """);

        Assert.Equal(
            [
                (ErrorCodes.InvalidDuration, 7, "a", $"'retry.delay' is not a valid duration: '200' has no unit; {Forms}"),
                (ErrorCodes.InvalidDuration, 8, "a", $"'retry.max_delay' is not a valid duration: '48h' is longer than 24h; {Forms}"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId, e.Message)));
    }
}
