using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>A step's own <c>retry:</c> settings; each key left out falls back to the service's or global policy.</summary>
public class Step_retry
{
    [Fact]
    public void Reads_every_key_into_the_model_with_the_line_of_retry()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: charge-payment
                service: payment
                retry:
                  max_attempts: 5
                  backoff: exponential
                  delay: 200ms
                  max_delay: 10s
                  jitter: true
            """);

        Assert.Equal(
            new StepRetry
            {
                MaxAttempts = 5,
                Backoff = RetryBackoff.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
                Jitter = true,
                Line = 6,
            },
            definition.Steps[0].Retry);
    }

    [Fact]
    public void Leaves_each_key_not_written_null()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                retry: { backoff: fixed, jitter: false }
            """);

        Assert.Equal(new StepRetry { Backoff = RetryBackoff.Fixed, Jitter = false, Line = 6 }, definition.Steps[0].Retry);
    }

    [Fact]
    public void Allows_max_delay_equal_to_delay()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
                retry:
                  delay: 1s
                  max_delay: 1000ms
            """);

        Assert.Equal(definition.Steps[0].Retry!.Delay, definition.Steps[0].Retry!.MaxDelay);
    }

    [Fact]
    public void Is_null_when_absent_or_null()
    {
        var definition = Load.ValidYaml("""
            id: w
            version: 1
            steps:
              - id: a
                service: s
              - id: b
                service: s
                retry: ~
            """);

        Assert.All(definition.Steps, s => Assert.Null(s.Retry));
    }
}
