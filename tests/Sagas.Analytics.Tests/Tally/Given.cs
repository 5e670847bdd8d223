using System.Text.Json.Nodes;
using Sagas.Contracts.Events;
using Sagas.Orchestration.Journal;

namespace Sagas.Analytics.Tests.Tally;

/// <summary>The events of a workflow's stream, as tests of the tally give them.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 0, 30, TimeSpan.Zero);

    public static WorkflowStarted Started(Guid id, string definition = "order", int version = 1) => new()
    {
        WorkflowId = id,
        Definition = definition,
        Version = version,
        DefinitionHash = "h",
        Input = [],
        StartedAt = Start,
    };

    public static StepDispatched Dispatched(Guid id, string step, int attempt, string service, double atSeconds, string? endpoint = null) => new()
    {
        WorkflowId = id,
        StepId = step,
        Attempt = attempt,
        Service = service,
        Endpoint = endpoint,
        Input = new JsonObject(),
        DispatchedAt = Start.AddSeconds(atSeconds),
    };

    public static StepCompleted Completed(Guid id, string step, int attempt, double startedSeconds, double atSeconds, string node = "n1", string? service = null) => new()
    {
        WorkflowId = id,
        StepId = step,
        Attempt = attempt,
        Service = service,
        Node = node,
        Endpoint = service,
        StartedAt = Start.AddSeconds(startedSeconds),
        CompletedAt = Start.AddSeconds(atSeconds),
    };

    public static StepFailed Failed(Guid id, string step, int attempt, string reason, double startedSeconds, double atSeconds, string node = "n1") => new()
    {
        WorkflowId = id,
        StepId = step,
        Attempt = attempt,
        Reason = reason,
        Retryable = true,
        Node = node,
        StartedAt = Start.AddSeconds(startedSeconds),
        FailedAt = Start.AddSeconds(atSeconds),
    };

    public static StepRetryScheduled Retry(Guid id, string step, int attempt, double atSeconds) => new()
    {
        WorkflowId = id,
        StepId = step,
        Attempt = attempt,
        NextAttempt = attempt + 1,
        Delay = TimeSpan.FromSeconds(1),
        DueAt = Start.AddSeconds(atSeconds + 1),
        Reason = "boom",
        Policy = "p",
        ScheduledAt = Start.AddSeconds(atSeconds),
    };

    public static WorkflowCompleted WorkflowCompleted(Guid id, double atSeconds, string definition = "order") => new()
    {
        WorkflowId = id,
        Definition = definition,
        Version = 1,
        CompletedAt = Start.AddSeconds(atSeconds),
    };

    public static WorkflowCompensated Compensated(Guid id, string reason, double atSeconds) => new()
    {
        WorkflowId = id,
        Definition = "order",
        Reason = reason,
        CompensatedSteps = [],
        CompensatedAt = Start.AddSeconds(atSeconds),
    };
}
