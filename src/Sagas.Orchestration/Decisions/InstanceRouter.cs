using Sagas.Definitions.Building;
using Sagas.Definitions.Model;
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

    /// <summary>Why the service has no healthy instance, naming each and why it is out; null when it has one, or none registered.</summary>
    public string? NoneHealthy(string service) =>
        context.Discovered.Current.Of(service) is { Instances.Count: > 0, Healthy.Count: 0 } roster
            ? $"{NoHealthyInstance}: '{service}' has {roster.Instances.Count} registered instance(s) and none is healthy ({ServiceRoster.WhyNone(roster.Instances)}); the step is sent when one is"
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
    /// policies chose (any healthy instance of the service when that endpoint's are all out); null
    /// when no instance of it is registered, and the command goes to the queue as before. With one
    /// healthy instance there is no choice, and no reason to record.
    /// </summary>
    public InstanceChoice? Choose(string service, string? endpoint, string key)
    {
        if (context.Discovered.Current.Of(service) is not { } roster || roster.In(endpoint).Count == 0)
        {
            return null;
        }

        var healthy = roster.HealthyIn(endpoint);
        if (healthy.Count == 0)
        {
            if (roster.Healthy.Count == 0)
            {
                return null;
            }

            var moved = context.Discovered.Choose(service, roster.Healthy, key);
            return moved with { Reason = $"{moved.Reason ?? $"instance {moved.Queue}"}, as endpoint {endpoint} has none healthy" };
        }

        return context.Discovered.Choose(endpoint ?? service, healthy, key);
    }

    /// <summary>The words for a wait that ran out, for the failed attempt's reason: how long, and why each instance is out.</summary>
    public string GaveUp(string service, TimeSpan waited) =>
        context.Discovered.Current.Of(service) is { } roster
            ? $"no healthy instance of '{service}' within {DurationText.Words(waited)} ({ServiceRoster.WhyNone(roster.Instances)})"
            : $"no healthy instance of '{service}' within {DurationText.Words(waited)}";
}
