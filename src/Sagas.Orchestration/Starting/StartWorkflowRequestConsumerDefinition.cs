using Sagas.Contracts;

namespace Sagas.Orchestration.Starting;

/// <summary>The <c>start-workflow</c> endpoint: plain JSON starts from any client.</summary>
public sealed class StartWorkflowRequestConsumerDefinition() : RawJsonConsumerDefinition<StartWorkflowRequestConsumer>(BrokerNames.StartWorkflow);
