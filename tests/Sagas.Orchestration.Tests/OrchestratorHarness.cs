using System.Linq.Expressions;
using System.Text;
using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sagas.Contracts.Commands;
using Sagas.Contracts.Events;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Hosting;
using Sagas.Orchestration.Saga;
using Sagas.Orchestration.Workflows;
using Sagas.Samples;
using Sagas.Testing;

namespace Sagas.Orchestration.Tests;

/// <summary>
/// The state machine on MassTransit's in-memory harness, with the sample definitions loaded.
/// The test plays the services: it reads the commands sent and publishes their results.
/// </summary>
internal sealed class OrchestratorHarness : IAsyncDisposable
{
    // How long a wait on the harness's lists lasts: the bus is in memory, so this is generous.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _provider;

    private OrchestratorHarness(ServiceProvider provider, ITestHarness harness, FakeTimeProvider clock, ManualTimers timers)
    {
        _provider = provider;
        Clock = clock;
        Timers = timers;
        Bus = harness;
        Saga = harness.GetSagaStateMachineHarness<WorkflowStateMachine, WorkflowState>();
    }

    public ITestHarness Bus { get; }

    /// <summary>The orchestrator's clock; only the test moves it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Messages the saga scheduled, waiting for the test to fire them.</summary>
    public ManualTimers Timers { get; }

    public ISagaStateMachineTestHarness<WorkflowStateMachine, WorkflowState> Saga { get; }

    public WorkflowStateMachine Machine => Saga.StateMachine;

    /// <summary>What the orchestrator observed and adapted, to put a service in a state a test needs.</summary>
    public Orchestration.Adaptation.ServiceAdaptations Adaptations => _provider.GetRequiredService<Orchestration.Adaptation.ServiceAdaptations>();

    public static Task<OrchestratorHarness> StartAsync(
        Action<IBusRegistrationConfigurator>? configure = null, OrchestrationOptions? options = null, params string[] extraDefinitions) =>
        StartAsync(configure, options, null, extraDefinitions);

    /// <summary>A harness whose orchestrator follows <paramref name="policiesYaml"/> (a policies.yaml's text).</summary>
    public static Task<OrchestratorHarness> StartWithPoliciesAsync(string policiesYaml, OrchestrationOptions? options = null, params string[] extraDefinitions)
    {
        var loaded = new PolicyFileLoader().Load("policies.yaml", Encoding.UTF8.GetBytes(policiesYaml));
        return StartAsync(null, options, loaded.Policies ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors)), extraDefinitions);
    }

    private static async Task<OrchestratorHarness> StartAsync(
        Action<IBusRegistrationConfigurator>? configure, OrchestrationOptions? options, PolicyFile? policies, string[] extraDefinitions)
    {
        var catalog = DefinitionSet.LoadFolder(SampleDefinitions.Folder, new DefinitionLoader()).Catalog;
        foreach (var (yaml, index) in extraDefinitions.Select((yaml, index) => (yaml, index)))
        {
            var loaded = new DefinitionLoader().Load($"extra-{index}.yaml", Encoding.UTF8.GetBytes(yaml));
            catalog.Register(loaded.Definition ?? throw new InvalidOperationException(string.Join("\n", loaded.Errors)));
        }

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var timers = new ManualTimers();
        var provider = new ServiceCollection()
            .AddSingleton(catalog)
            .AddSingleton(options ?? new OrchestrationOptions())
            .AddSingleton<TimeProvider>(clock)
            .AddSagasPolicies(policies ?? PolicyFile.Empty)
            .AddSingleton<DecisionContext>()
            .AddSingleton<WorkflowDeciders>()
            .AddMassTransitTestHarness(x =>
            {
                x.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    endpoint.UseFilter(timers);
                    endpoint.UseFilter(new InMemoryWorkflowOutbox());
                });
                x.AddSagaStateMachine<WorkflowStateMachine, WorkflowState>();
                configure?.Invoke(x);
            })
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new OrchestratorHarness(provider, harness, clock, timers);
    }

    public async Task<Guid> StartAsync(string definition, JsonObject input, Guid? workflowId = null)
    {
        var id = workflowId ?? NewId.NextGuid();
        await Bus.Bus.Publish(new StartWorkflow { WorkflowId = id, Definition = definition, Input = input, RequestedAt = DateTimeOffset.UtcNow });
        return id;
    }

    /// <summary>The command sent for a step's attempt, waiting for it.</summary>
    public Task<ExecuteStep> DispatchedAsync(Guid workflowId, string stepId, int attempt = 1) =>
        SentAsync<ExecuteStep>(m => m.WorkflowId == workflowId && m.StepId == stepId && m.Attempt == attempt,
            $"step '{stepId}' attempt {attempt} to be dispatched");

    /// <summary>The compensation command sent for a step's attempt, waiting for it.</summary>
    public Task<CompensateStep> CompensationDispatchedAsync(Guid workflowId, string stepId, int attempt = 1) =>
        SentAsync<CompensateStep>(m => m.WorkflowId == workflowId && m.StepId == stepId && m.Attempt == attempt,
            $"the compensation of step '{stepId}' attempt {attempt} to be dispatched");

    public Task CompensatedAsync(CompensateStep command) =>
        Bus.Bus.Publish(new StepCompensated
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Output = new JsonObject { ["undone"] = command.StepId },
            CompensatedAt = DateTimeOffset.UtcNow,
            EffectKey = command.EffectKey,
            EffectService = command.EffectService,
            MaybeCompleted = command.MaybeCompleted,
        });

    public Task CompensationFailedAsync(CompensateStep command, string reason, bool retryable = false) =>
        Bus.Bus.Publish(new StepCompensationFailed
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Reason = reason,
            Retryable = retryable,
            FailedAt = DateTimeOffset.UtcNow,
            EffectKey = command.EffectKey,
            EffectService = command.EffectService,
            MaybeCompleted = command.MaybeCompleted,
        });

    /// <summary>The queue a step's attempt was sent to (a service's own, or one of its endpoints).</summary>
    public string QueueOf(ExecuteStep command)
    {
#pragma warning disable VSTHRD103 // a snapshot of what was sent so far
        var sent = Bus.Sent.Select<ExecuteStep>(m => m.Context.Message == command).First();
#pragma warning restore VSTHRD103
        return sent.Context.DestinationAddress!.AbsolutePath.Split('/').Last();
    }

    /// <summary>Waits until the saga has published such an event.</summary>
    public async Task PublishedAsync<T>(Func<T, bool> filter)
        where T : class =>
#pragma warning disable VSTHRD103 // a snapshot of what was published so far, taken again each tick
        await Eventually.Until(() => Bus.Published.Select<T>(m => filter(m.Context.Message)).Any(), Wait, $"such a {typeof(T).Name} to be published");
#pragma warning restore VSTHRD103

    /// <summary>Every step command sent so far.</summary>
#pragma warning disable VSTHRD103 // a snapshot of what was sent so far
    public IReadOnlyList<ExecuteStep> AllDispatched() => [.. Bus.Sent.Select<ExecuteStep>().Select(m => m.Context.Message)];

    /// <summary>Every undo command sent so far.</summary>
    public IReadOnlyList<CompensateStep> AllCompensationsDispatched() => [.. Bus.Sent.Select<CompensateStep>().Select(m => m.Context.Message)];
#pragma warning restore VSTHRD103

    /// <summary>Plays the admission relay: a slot is free for that step's attempt.</summary>
    public Task AdmitAsync(Guid workflowId, string stepId, int attempt = 1) =>
        Bus.Bus.Publish(new AdmitStep { WorkflowId = workflowId, StepId = stepId, Attempt = attempt });

    public Task CancelAsync(Guid workflowId, string reason = "customer called") =>
        Bus.Bus.Publish(new CancelWorkflow { WorkflowId = workflowId, Reason = reason, RequestedAt = DateTimeOffset.UtcNow });

    /// <summary>Sends a signal as <c>sagas signal</c> does; <paramref name="signalId"/> names it, for a second delivery of the same one.</summary>
    public Task SignalAsync(Guid workflowId, string name, JsonObject? data = null, string? signalId = null) =>
        Bus.Bus.Publish(new SignalWorkflow { WorkflowId = workflowId, Name = name, Data = data, SignalId = signalId ?? NewId.NextGuid().ToString(), SentAt = DateTimeOffset.UtcNow });

    public Task RetryAsync(Guid workflowId, string? stepId = null) =>
        Bus.Bus.Publish(new RetryWorkflow { WorkflowId = workflowId, StepId = stepId, RequestedAt = DateTimeOffset.UtcNow });

    // The harness's own waits end for good once the bus has been quiet for a moment, and a test
    // pauses often (it plays the services): so this checks the sent list until a deadline.
    private async Task<T> SentAsync<T>(Func<T, bool> filter, string failure)
        where T : class
    {
        T? found = null;
#pragma warning disable VSTHRD103 // a snapshot of what was sent so far, taken again each tick
        await Eventually.Until(() => (found = Bus.Sent.Select<T>(m => filter(m.Context.Message)).FirstOrDefault()?.Context.Message) is not null, Wait, failure);
#pragma warning restore VSTHRD103
        return found!;
    }

    /// <summary>
    /// Waits until the instance matches the condition. The harness's inactivity wait is one-shot
    /// (once the bus has been quiet, later waits end at once), so tests never wait on inactivity.
    /// </summary>
    public async Task<WorkflowState> WhenAsync(Guid workflowId, Expression<Func<WorkflowState, bool>> condition)
    {
        var parameter = condition.Parameters[0];
        var sameId = Expression.Equal(Expression.Property(parameter, nameof(WorkflowState.CorrelationId)), Expression.Constant(workflowId));
        var filter = Expression.Lambda<Func<WorkflowState, bool>>(Expression.AndAlso(sameId, condition.Body), parameter);
        var found = await Saga.Match(filter);
        Assert.True(found.Count == 1, $"workflow {workflowId} never reached {condition}");
        return Saga.Sagas.Contains(workflowId)!;
    }

    public Task CompleteAsync(ExecuteStep command, JsonNode? output = null) =>
        Bus.Bus.Publish(new StepCompleted
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Output = output ?? new JsonObject(),
            CompletedAt = DateTimeOffset.UtcNow,
            Service = command.Service,
        });

    public Task FailAsync(ExecuteStep command, string reason, bool retryable = false) =>
        Bus.Bus.Publish(new StepFailed
        {
            WorkflowId = command.WorkflowId,
            StepId = command.StepId,
            Attempt = command.Attempt,
            Reason = reason,
            Retryable = retryable,
            FailedAt = DateTimeOffset.UtcNow,
        });

    /// <summary>Waits until the saga has consumed such a message (<paramref name="times"/> of them), effects (sends, timers) included.</summary>
    public async Task ConsumedAsync<T>(Func<T, bool> filter, int times = 1)
        where T : class =>
#pragma warning disable VSTHRD103 // a snapshot of what was consumed so far, taken again each tick
        await Eventually.Until(() => Saga.Consumed.Select<T>(m => filter(m.Context.Message)).Count() >= times, Wait, $"the saga to consume that {typeof(T).Name} {times} times");
#pragma warning restore VSTHRD103

    /// <summary>
    /// How many such messages were sent up to now, without waiting for more: call it once the
    /// messages that could have caused a send were consumed.
    /// </summary>
    public int SentSoFar<T>(Func<T, bool> filter)
        where T : class
    {
#pragma warning disable VSTHRD103 // a snapshot on purpose; the async form waits for the bus to go quiet
        return Bus.Sent.Select<T>(m => filter(m.Context.Message)).Count();
#pragma warning restore VSTHRD103
    }

    /// <summary>Moves the clock on and fires the timers due by then; returns how many fired.</summary>
    public Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return Timers.FireDueAsync(Clock.GetUtcNow(), Bus.Bus);
    }

    /// <summary>Waits until the instance is in the state, failing with its actual state otherwise.</summary>
    public async Task<WorkflowState> InStateAsync(Guid workflowId, Func<WorkflowStateMachine, State> state)
    {
        var found = await Saga.Exists(workflowId, state);
        var instance = Saga.Sagas.Contains(workflowId);
        Assert.True(found.HasValue, $"workflow {workflowId} is in state '{instance?.CurrentState ?? "(none)"}', not '{state(Machine).Name}'");
        return instance!;
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.Stop();
        await _provider.DisposeAsync();
    }
}
