using Microsoft.Extensions.Options;
using Sagas.Orchestration.Recovery;

namespace Sagas.Orchestration;

/// <summary><c>Sagas:Orchestration</c>: limits the orchestrator enforces on what it is asked to run, and how it commits.</summary>
public sealed class OrchestrationOptions
{
    public const string SectionName = "Sagas:Orchestration";

    /// <summary>Largest workflow input accepted, as UTF-8 JSON; a larger start is rejected.</summary>
    public int MaxInputBytes { get; set; } = 256 * 1024;

    /// <summary>Saga transactions one node runs at once; writes beyond them wait and join the next.</summary>
    public int CommitConcurrency { get; set; } = 4;

    /// <summary>Most workflows' writes one saga transaction carries.</summary>
    public int MaxWorkflowsPerCommit { get; set; } = 32;

    /// <summary>
    /// Saga documents a node keeps after committing them, so the workflow's next message skips the
    /// read (see <c>WorkflowCache</c>); 0 reads every one from PostgreSQL.
    /// </summary>
    public int CachedWorkflows { get; set; } = 2_048;

    /// <summary>How often each orchestrator node looks for due timers: the most a timer fires late, given a free node.</summary>
    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often each orchestrator node admits steps waiting under their services' limits.</summary>
    public TimeSpan AdmissionPollInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How often each orchestrator node looks for nodes that stopped announcing themselves.</summary>
    public TimeSpan NodeWatchInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a committed command or event waits in the outbox for its own node to send it
    /// before any node's timer relay does: the longest an orchestrator killed between commit and
    /// send delays its workflow.
    /// </summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the committing node sends its outbox at once (the default). Off, every command and
    /// event waits for its lease and the relay, as if its node always died right after committing:
    /// for tests and for diagnosing the relay path.
    /// </summary>
    public bool DispatchOutboxAfterCommit { get; set; } = true;

    /// <summary>How often the sweeper (on one node at a time) looks for workflows that nothing will move.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an open workflow must have been still, with no timer left, before the sweeper moves it.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most timers one poll claims and sends in one transaction.</summary>
    public int TimersPerPoll { get; set; } = 200;

    /// <summary>The retry policy of every step whose service has none of its own.</summary>
    /// <remarks>A fresh instance, not <see cref="RetryPolicy.Default"/>: configuration binds into it.</remarks>
    public RetryPolicy Retry { get; set; } = new();

    /// <summary>Retry policies by service name (<c>Sagas:Orchestration:ServiceRetry:payment:MaxAttempts</c>).</summary>
    public Dictionary<string, RetryPolicy> ServiceRetry { get; set; } = [];

    /// <summary>
    /// How long any attempt may go without a result before it counts as failed; null for no limit.
    /// Steps and services can set their own.
    /// </summary>
    public TimeSpan? StepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Step timeouts by service name (<c>Sagas:Orchestration:ServiceTimeout:payment=00:00:30</c>).</summary>
    public Dictionary<string, TimeSpan> ServiceTimeout { get; set; } = [];

    public RetryPolicy RetryFor(string service) => ServiceRetry.GetValueOrDefault(service) ?? Retry;

    /// <summary>Each setting that makes no sense, named by its configuration key.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Retry.Problem() is { } retry ? [$"{SectionName}:Retry: {retry}"] : Array.Empty<string>(),
        .. ServiceRetry.Where(p => p.Value.Problem() is not null).Select(p => $"{SectionName}:ServiceRetry:{p.Key}: {p.Value.Problem()}"),
        .. CommitConcurrency < 1 ? [$"{SectionName}:CommitConcurrency must be at least 1 (it is {CommitConcurrency})"] : Array.Empty<string>(),
        .. CachedWorkflows < 0 ? [$"{SectionName}:CachedWorkflows must be 0 or more (it is {CachedWorkflows})"] : Array.Empty<string>(),
        .. MaxWorkflowsPerCommit < 1 ? [$"{SectionName}:MaxWorkflowsPerCommit must be at least 1 (it is {MaxWorkflowsPerCommit})"] : Array.Empty<string>(),
        .. StepTimeout <= TimeSpan.Zero ? [$"{SectionName}:StepTimeout must be positive (it is {StepTimeout})"] : Array.Empty<string>(),
        .. ServiceTimeout.Where(p => p.Value <= TimeSpan.Zero).Select(p => $"{SectionName}:ServiceTimeout:{p.Key} must be positive (it is {p.Value})"),
        .. NodeWatchInterval <= TimeSpan.Zero ? [$"{SectionName}:NodeWatchInterval must be positive (it is {NodeWatchInterval})"] : Array.Empty<string>(),
        .. AdmissionPollInterval <= TimeSpan.Zero ? [$"{SectionName}:AdmissionPollInterval must be positive (it is {AdmissionPollInterval})"] : Array.Empty<string>(),
        .. SweepInterval <= TimeSpan.Zero ? [$"{SectionName}:SweepInterval must be positive (it is {SweepInterval})"] : Array.Empty<string>(),
        .. StuckAfter <= TimeSpan.Zero ? [$"{SectionName}:StuckAfter must be positive (it is {StuckAfter})"] : Array.Empty<string>(),
        .. OutboxLease <= TimeSpan.Zero ? [$"{SectionName}:OutboxLease must be positive (it is {OutboxLease})"] : Array.Empty<string>(),
        .. TimerPollInterval <= TimeSpan.Zero ? [$"{SectionName}:TimerPollInterval must be positive (it is {TimerPollInterval})"] : Array.Empty<string>(),
    ];

    /// <summary>Refuses the options while a setting makes no sense, naming each by its key.</summary>
    internal sealed class Validation : IValidateOptions<OrchestrationOptions>
    {
        public ValidateOptionsResult Validate(string? name, OrchestrationOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
