using Sagas.Definitions.Model;

namespace Sagas.Orchestration.Recovery;

/// <summary>
/// Which retry policy and timeout apply to a step: its own settings in the definition win, then
/// its service's (<c>Sagas:Orchestration:ServiceRetry</c>, <c>ServiceTimeout</c>), then the global ones.
/// </summary>
public sealed class StepPolicies(OrchestrationOptions options)
{
    public RetryPolicy RetryFor(StepDefinition step)
    {
        var policy = options.RetryFor(step.Service);
        return step.Retry is not { } own
            ? policy
            : policy with
            {
                MaxAttempts = own.MaxAttempts ?? policy.MaxAttempts,
                Backoff = own.Backoff is { } backoff ? (backoff == RetryBackoff.Fixed ? Backoff.Fixed : Backoff.Exponential) : policy.Backoff,
                Delay = own.Delay ?? policy.Delay,
                MaxDelay = own.MaxDelay ?? (own.Delay > policy.MaxDelay ? own.Delay.Value : policy.MaxDelay),
                Jitter = own.Jitter ?? policy.Jitter,
            };
    }

    /// <summary>How long an attempt to undo a step may go without a result: its service's limit, else the global one.</summary>
    public TimeSpan? TimeoutFor(CompensationDefinition compensation) =>
        options.ServiceTimeout.TryGetValue(compensation.Service, out var service) ? service : options.StepTimeout;

    /// <summary>How long an attempt may go without a result; null: as long as it takes.</summary>
    public TimeSpan? TimeoutFor(StepDefinition step) =>
        step.Timeout ?? (options.ServiceTimeout.TryGetValue(step.Service, out var service) ? service : options.StepTimeout);
}
