using System.Text.Json.Nodes;

namespace Sagas.Orchestration.Journal;

/// <summary>
/// An attempt of a step was sent to its service's queue with this resolved input, or, for a step
/// that waits for a signal (<see cref="Signal"/>), began waiting: no command goes anywhere.
/// </summary>
public sealed record StepDispatched
{
    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>The service that runs this attempt: the step's own, or an alternate it was rerouted to.</summary>
    public required string Service { get; init; }

    /// <summary>The queue the command went to: the service's own, or one of its endpoints.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Why that endpoint or instance, when there was a choice (the balancing algorithm and what it saw).</summary>
    public string? Balancing { get; init; }

    /// <summary>The queue of the one instance the command went to, chosen by discovery (<see cref="Balancing"/> says why); null when the service has no registered instance.</summary>
    public string? Instance { get; init; }

    /// <summary>True when it waited for, and got, a slot under its service's limits (it holds that slot until its result).</summary>
    public bool Admitted { get; init; }

    /// <summary>True when this attempt is the probe of its service's half-open circuit.</summary>
    public bool Probe { get; init; }

    public required JsonObject Input { get; init; }

    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>The key the service records its side effect under: the same for every attempt of the step's run.</summary>
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>The step's <c>when:</c> that was true, with what it read, on the dispatch it decided (not on retries).</summary>
    public StepConditionRecord? Condition { get; init; }

    /// <summary>The signal this attempt waits for instead of calling a service (<c>wait_for:</c>); null for a call.</summary>
    public string? Signal { get; init; }

    /// <summary>The child run this attempt started instead of calling a service (<c>workflow:</c>); null for a call.</summary>
    public Guid? Child { get; init; }

    /// <summary>How long this attempt may go without a result (null: no limit); a timer is armed for it.</summary>
    public TimeSpan? Timeout { get; init; }
}
