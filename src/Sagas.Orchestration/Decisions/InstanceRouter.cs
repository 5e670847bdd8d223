using Sagas.Definitions.Building;
using Sagas.Definitions.Model;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Decisions;

/// <summary>
/// Routing by discovery: whether a service has a healthy instance, and which one a step goes to.
/// A service no instance ever registered for (a plain worker without heartbeats) is routed as
/// before discovery, to its queue; one whose instances are all out waits for one
/// (<c>no-healthy-instance</c>), looking again every quarter of the refresh interval, until its
/// timeout fails the attempt by its policies (<see cref="WaitingStepDecider"/>).
/// </summary>
public sealed class InstanceRouter(DecisionContext context)
{
    public const string NoHealthyInstance = "no-healthy-instance";

    /// <summary>Why the service has no healthy instance, naming each and why it is out, for a step that waits; null when it has one, or none registered.</summary>
    public string? NoneHealthy(string service) =>
        WhyNoneHealthy(service) is { } why ? $"{why}; the step is sent when one is" : null;

    /// <summary>Why the service has no healthy instance, naming each and why it is out; null when it has one, or none registered.</summary>
    public string? WhyNoneHealthy(string service) =>
        context.Discovered.Current.Of(service) is { Instances.Count: > 0, Healthy.Count: 0 } roster
            ? $"{NoHealthyInstance}: '{service}' has {roster.Instances.Count} registered instance(s) and none is healthy ({ServiceRoster.WhyNone(roster.Instances)})"
            : null;

    /// <summary>
    /// When a step waiting for an instance looks again: a quarter of the refresh interval on, but
    /// no later than its attempt's timeout after its first wait, when it is failed if still waiting.
    /// </summary>
    public DateTimeOffset LookAgainAt(WorkflowState state, StepDefinition step, int attempt, string service)
    {
        var now = context.Now;
        var next = now + context.Discovered.Current.RecheckEvery;
        if (context.Policies.TimeoutFor(step, service) is not { } timeout)
        {
            return next;
        }

        var since = state.InstanceWaits.TryGetValue(step.Id, out var wait) && wait.Attempt == attempt ? wait.Since : now;
        return since + timeout < next ? since + timeout : next;
    }

    /// <summary>Whether a step waiting for an instance has waited its timeout, and how long that was.</summary>
    public TimeSpan? WaitedOut(WorkflowState state, StepDefinition step, int attempt, string service) =>
        state.InstanceWaits.TryGetValue(step.Id, out var wait) && wait.Attempt == attempt
        && context.Policies.TimeoutFor(step, service) is { } timeout && context.Now - wait.Since >= timeout
            ? timeout
            : null;

    /// <summary>
    /// The instance for a step's attempt: in turn among the healthy instances of the endpoint the
    /// policies chose (any healthy instance of the service when that endpoint's are all out), by
    /// latency when the service adapts to it, never to an instance ejected for its failures; null
    /// when no instance of it is registered, and the command goes to the queue as before. With one
    /// healthy instance there is no choice, and no reason to record.
    /// </summary>
    public InstanceChoice? Choose(string service, string? endpoint, string key, string attemptKey)
    {
        if (context.Discovered.Current.Of(service) is not { } roster || roster.In(endpoint).Count == 0)
        {
            return null;
        }

        var adaptive = context.Policies.AdaptiveFor(service);
        var healthy = Eligible(roster.HealthyIn(endpoint), adaptive);
        if (healthy.Count == 0)
        {
            var anywhere = Eligible(roster.Healthy, adaptive);
            if (anywhere.Count == 0)
            {
                return null;
            }

            var moved = Pick(service, service, anywhere, key, attemptKey, adaptive);
            return moved with { Reason = $"{moved.Reason ?? $"instance {moved.Queue}"}, as endpoint {endpoint} has none healthy" };
        }

        return Pick(service, endpoint ?? service, healthy, key, attemptKey, adaptive);
    }

    // Outlier ejection never takes a service's last instance, so some candidate always remains.
    private IReadOnlyList<InstanceEntry> Eligible(IReadOnlyList<InstanceEntry> healthy, AdaptivePolicy adaptive) =>
        adaptive.On(AdaptiveTrigger.ErrorRate) ? context.Adaptations.NotEjected(healthy) : healthy;

    private InstanceChoice Pick(string service, string group, IReadOnlyList<InstanceEntry> candidates, string key, string attemptKey, AdaptivePolicy adaptive) =>
        adaptive.On(AdaptiveTrigger.Latency)
            ? context.Adaptations.ChooseByLatency(service, candidates, key, attemptKey, context.Now, adaptive.Latency, context.Random)
            : context.Discovered.Choose(group, candidates, key);

    /// <summary>The words for a wait that ran out, for the failed attempt's reason: how long, and why each instance is out.</summary>
    public string GaveUp(string service, TimeSpan waited) =>
        context.Discovered.Current.Of(service) is { } roster
            ? $"no healthy instance of '{service}' within {DurationText.Words(waited)} ({ServiceRoster.WhyNone(roster.Instances)})"
            : $"no healthy instance of '{service}' within {DurationText.Words(waited)}";
}
