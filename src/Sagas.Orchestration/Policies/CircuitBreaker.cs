using Sagas.Definitions.Building;
using Sagas.Definitions.Policies;

namespace Sagas.Orchestration.Policies;

/// <summary>
/// One service's circuit as this node sees it: closed while the failures within the window stay
/// under the ratio; open for the break once they reach it; then half-open, letting one step
/// through as a probe, whose success closes it and whose failure opens it again. Pure: the
/// caller passes the clock's time and records the changes it returns.
/// </summary>
public sealed class CircuitBreaker(CircuitBreakerPolicy policy)
{
    private readonly Queue<(DateTimeOffset At, bool Failed)> _outcomes = new();
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _openUntil;
    private DateTimeOffset? _probeSentAt;
    private string _openReason = string.Empty;

    public CircuitBreakerPolicy Policy => policy;

    public CircuitState StateAt(DateTimeOffset now) =>
        _state == CircuitState.Open && now >= _openUntil ? CircuitState.HalfOpen : _state;

    /// <summary>
    /// Whether a step may go to the service now. Half-open lets one probe through; a probe that
    /// never answered (its workflow ended) is replaced after another break.
    /// </summary>
    public CircuitAdmission Admit(DateTimeOffset now)
    {
        switch (StateAt(now))
        {
            case CircuitState.Closed:
                return CircuitAdmission.Pass;
            case CircuitState.HalfOpen when _probeSentAt is not { } sent || now - sent >= policy.BreakFor:
                _state = CircuitState.HalfOpen;
                _probeSentAt = now;
                return CircuitAdmission.Probe;
            case CircuitState.HalfOpen:
                return CircuitAdmission.Blocked(_probeSentAt!.Value + policy.BreakFor, "its probe has not answered yet");
            default:
                return CircuitAdmission.Blocked(_openUntil, _openReason);
        }
    }

    /// <summary>
    /// Counts one result of a step on the service; returns the change it made to the circuit, if
    /// any. While it is not closed, only the probe's result (<paramref name="probe"/>) counts: a
    /// late result of a step sent before it opened says nothing new.
    /// </summary>
    public CircuitChange? Record(bool failed, DateTimeOffset now, bool probe = false)
    {
        if (probe && _state != CircuitState.Closed && _probeSentAt is not null)
        {
            _probeSentAt = null;
            _outcomes.Clear();
            if (failed)
            {
                return Open(now, "the probe failed");
            }

            _state = CircuitState.Closed;
            return new CircuitChange(CircuitState.Closed, "the probe succeeded", 0, 0, null);
        }

        if (_state != CircuitState.Closed)
        {
            return null;
        }

        _outcomes.Enqueue((now, failed));
        while (_outcomes.TryPeek(out var oldest) && now - oldest.At > policy.Window)
        {
            _outcomes.Dequeue();
        }

        var calls = _outcomes.Count;
        var failures = _outcomes.Count(o => o.Failed);
        if (!failed || calls < policy.MinimumCalls || (double)failures / calls < policy.FailureRatio)
        {
            return null;
        }

        _outcomes.Clear();
        return Open(now, $"{failures} of the last {calls} results within {DurationText.Words(policy.Window)} failed (ratio {policy.FailureRatio:0.##})", failures, calls);
    }

    private CircuitChange Open(DateTimeOffset now, string reason, int failures = 1, int calls = 1)
    {
        _state = CircuitState.Open;
        _openUntil = now + policy.BreakFor;
        _openReason = reason;
        return new CircuitChange(CircuitState.Open, reason, failures, calls, _openUntil);
    }
}

/// <summary>Closed (steps pass), open (steps held off) or half-open (one probe passes).</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>The circuit's answer for one step: pass, pass as the probe, or blocked until a time.</summary>
public sealed record CircuitAdmission(bool Allowed, bool IsProbe, DateTimeOffset? BlockedUntil, string? Reason)
{
    public static readonly CircuitAdmission Pass = new(true, false, null, null);

    public static readonly CircuitAdmission Probe = new(true, true, null, null);

    public static CircuitAdmission Blocked(DateTimeOffset until, string reason) => new(false, false, until, reason);
}

/// <summary>A circuit opened (with the figures that opened it and until when) or closed.</summary>
public sealed record CircuitChange(CircuitState To, string Reason, int Failures, int Calls, DateTimeOffset? OpenUntil);
