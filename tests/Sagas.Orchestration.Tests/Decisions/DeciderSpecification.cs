using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Sagas.Definitions.Loading;
using Sagas.Definitions.Policies;
using Sagas.Orchestration.Adaptation;
using Sagas.Orchestration.Decisions;
using Sagas.Orchestration.Discovery;
using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Policies;
using Sagas.Orchestration.Workflows;
using Sagas.Samples;

namespace Sagas.Orchestration.Tests.Decisions;

/// <summary>
/// A decider's test without a bus or a database: given the events of a run (folded into its
/// state), when a decider is asked about a message, then the events it records.
/// </summary>
internal sealed class DeciderSpecification
{
    public static readonly Guid Id = Guid.Parse("0199a1b2-0000-7000-8000-000000000001");

    public static readonly DateTimeOffset At = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public DeciderSpecification(string? policiesYaml = null, OrchestrationOptions? options = null)
    {
        var catalog = DefinitionSet.LoadFolder(SampleDefinitions.Folder, new DefinitionLoader()).Catalog;
        var policies = policiesYaml is null
            ? PolicyFile.Empty
            : new PolicyFileLoader().Load("policies.yaml", Encoding.UTF8.GetBytes(policiesYaml)).Policies
              ?? throw new InvalidOperationException("the test's policies are invalid");
        options ??= new OrchestrationOptions();
        Clock = new FakeTimeProvider(At);
        Context = new DecisionContext(catalog, options, Clock, new PolicyBook(policies, options, catalog), new CircuitBreakers(), new EndpointBalancers(), Discovered, Adaptations)
        {
            Random = () => 0.5,
        };
        Decide = new WorkflowDeciders(Context);
        Hash = catalog.Latest("order-fulfilment")!.Source.ContentHash;
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The registry as the deciders see it: empty (every service unregistered) until a test replaces it.</summary>
    public DiscoveredServices Discovered { get; } = new();

    /// <summary>What this node observed of each instance, and the adaptations in force: empty until results come.</summary>
    public ServiceAdaptations Adaptations { get; } = new("orchestrator-1");

    public DecisionContext Context { get; }

    public WorkflowDeciders Decide { get; }

    /// <summary>The content hash of the sample order-fulfilment definition, which runs are pinned to.</summary>
    public string Hash { get; }

    /// <summary>A run's state rebuilt from its stream, with nothing recorded yet.</summary>
    public static WorkflowState Given(params object[] events) => WorkflowReplay.Rebuild(events);

    /// <summary>What the decider recorded.</summary>
    public static IReadOnlyList<object> Then(WorkflowState state) => state.PendingEvents;

    public WorkflowStarted Started() => new()
    {
        WorkflowId = Id,
        Definition = "order-fulfilment",
        Version = 1,
        DefinitionHash = Hash,
        Input = new JsonObject { ["orderId"] = "o-1", ["amount"] = 25 },
        StartedAt = At,
    };

    public static StepDispatched Dispatched(string stepId, int attempt = 1, string service = "inventory", JsonObject? input = null) => new()
    {
        WorkflowId = Id,
        StepId = stepId,
        Attempt = attempt,
        Service = service,
        Input = input ?? [],
        DispatchedAt = At,
        IdempotencyKey = IdempotencyKeys.ForStep(Id, stepId, 1),
    };

    public static Contracts.Events.StepCompleted Completed(string stepId, int attempt = 1, JsonObject? output = null) => new()
    {
        WorkflowId = Id,
        StepId = stepId,
        Attempt = attempt,
        Output = output ?? [],
        CompletedAt = At,
    };

    public static Contracts.Events.StepFailed Failed(string stepId, int attempt = 1, bool retryable = true) => new()
    {
        WorkflowId = Id,
        StepId = stepId,
        Attempt = attempt,
        Reason = "provider down",
        Retryable = retryable,
        FailedAt = At,
    };
}
