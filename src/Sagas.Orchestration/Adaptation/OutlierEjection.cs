using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Adaptation;

/// <summary>
/// Outlier ejection, as a proxy does it for hosts, here for a service's instances: an instance
/// whose failures within the window reach the threshold, while its peers' (with enough calls to
/// compare with) stay under it, is
/// ejected. Never more than the allowed share of the instances in rotation at once, and never
/// the last one: when every instance fails alike the service is failing, not an instance, and
/// that is the circuit breaker's to judge.
/// </summary>
internal static class OutlierEjection
{
    /// <summary>The ejection of <paramref name="instance"/> to record, or null when it stays in.</summary>
    public static AdaptationApplied? Consider(
        InstanceObservations instance, IReadOnlyCollection<InstanceObservations> peers, int inRotation, ErrorRateAdaptation policy, DateTimeOffset now, string orchestrator)
    {
        var window = instance.Outcomes;
        if (instance.EjectedUntil is not null || window.Calls < policy.MinCalls || window.FailureRatio < policy.Threshold)
        {
            return null;
        }

        // An outlier stands out from peers: without enough of their calls to compare with, nothing does.
        var peerCalls = peers.Sum(p => p.Outcomes.Calls);
        if (peerCalls < policy.MinCalls)
        {
            return null;
        }

        var peerRatio = (double)peers.Sum(p => p.Outcomes.Failures) / peerCalls;
        var ejected = peers.Count(p => p.EjectedUntil is not null);
        var allowed = Math.Max(1, (int)Math.Floor(policy.MaxEjected * inRotation));
        if (peerRatio >= policy.Threshold || ejected + 1 > allowed || inRotation - ejected - 1 < 1)
        {
            return null;
        }

        var ejection = instance.Ejections + 1;
        var length = TimeSpan.FromTicks(Math.Min(policy.Ejection.Ticks * ejection, policy.MaxEjection.Ticks));
        return new AdaptationApplied
        {
            Service = instance.Service,
            Instance = instance.Queue,
            Trigger = AdaptationWords.ErrorRate,
            Action = AdaptationWords.Ejected,
            Measured = Math.Round(window.FailureRatio, 4),
            Threshold = policy.Threshold,
            Reason = $"{instance.Queue} failed {window.Failures} of its last {window.Calls} calls within {Words(policy.Window)} ({Figures.Percent(window.FailureRatio)}, threshold {Figures.Percent(policy.Threshold)}) "
                + $"while its peers failed {Figures.Percent(peerRatio)}; out of the rotation for {Words(length)} (ejection {ejection}, {ejected + 1} of at most {allowed} of {inRotation} instances out)",
            Until = now + length,
            Orchestrator = orchestrator,
            AppliedAt = now,
        };
    }

    /// <summary>The return of an ejected instance whose time ran out, on probation: its window starts empty, and a relapse ejects it for longer.</summary>
    public static AdaptationReverted? Return(InstanceObservations instance, ErrorRateAdaptation policy, DateTimeOffset now, string orchestrator)
    {
        if (instance.EjectedUntil is not { } until || now < until)
        {
            return null;
        }

        var next = TimeSpan.FromTicks(Math.Min(policy.Ejection.Ticks * (instance.Ejections + 1), policy.MaxEjection.Ticks));
        return new AdaptationReverted
        {
            Service = instance.Service,
            Instance = instance.Queue,
            Trigger = AdaptationWords.ErrorRate,
            Action = AdaptationWords.Ejected,
            Measured = Math.Round(instance.Outcomes.FailureRatio, 4),
            Threshold = policy.Threshold,
            Reason = $"{instance.Queue} is back in the rotation on probation after {Words(until - (instance.EjectedAt ?? until))}: its window starts empty, and failing again ejects it for {Words(next)}",
            Lasted = now - (instance.EjectedAt ?? now),
            Orchestrator = orchestrator,
            RevertedAt = now,
        };
    }

    private static string Words(TimeSpan span) => Definitions.Building.DurationText.Words(span);
}
