namespace Sagas.Definitions.Tests.Validation;

/// <summary>A step's <c>wait_for:</c> is checked with the definition: every mistake names its file, line and step.</summary>
public sealed class When_a_wait_is_invalid
{
    [Fact]
    public void A_valid_wait_calls_no_service_waits_once_by_default_and_takes_its_timeout()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: review
                wait_for: { signal: approve, timeout: 24h }
              - id: again
                wait_for: { signal: order.approved, timeout: 1h }
                retry: { max_attempts: 3 }
            """);

        var review = definition.Steps[0];
        Assert.Equal(("approve", "signal:approve", TimeSpan.FromHours(24), 1), (review.WaitFor!.Signal, review.Service, review.Timeout, review.Retry!.MaxAttempts));
        Assert.Empty(review.Services);
        Assert.Equal(3, definition.Steps[1].Retry!.MaxAttempts);
    }

    [Fact]
    public void A_step_that_waits_names_no_service_no_timeout_and_no_undo_of_its_own()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: review
                service: manual-review
                timeout: 1h
                alternates: [other]
                wait_for: { signal: approve, timeout: 24h }
                compensate: { service: reviews }
            """);

        Assert.Equal(
            [(ErrorCodes.WaitConflict, 5, "review"), (ErrorCodes.WaitConflict, 6, "review"), (ErrorCodes.WaitConflict, 7, "review"), (ErrorCodes.WaitConflict, 9, "review")],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("wait_for.timeout", result.Errors[1].Message);
    }

    [Fact]
    public void A_wait_needs_a_signal_name_and_a_timeout()
    {
        var result = Load.Yaml("""
            id: w
            version: 1
            steps:
              - id: a
                wait_for: { timeout: 1h }
              - id: b
                wait_for: { signal: "not ok" }
              - id: c
                wait_for: approve
              - id: d
                wait_for: { signal: ok, timeout: forever, at: noon }
            """);

        Assert.Equal(
            [
                (ErrorCodes.MissingKey, 5, "a"),
                (ErrorCodes.MissingKey, 7, "b"),
                (ErrorCodes.InvalidName, 7, "b"),
                (ErrorCodes.WrongType, 9, "c"),
                (ErrorCodes.InvalidDuration, 11, "d"),
                (ErrorCodes.UnknownKey, 11, "d"),
            ],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("wait_for.signal", result.Errors[0].Message);
        Assert.Contains("wait_for.at", result.Errors[5].Message);
    }
}
