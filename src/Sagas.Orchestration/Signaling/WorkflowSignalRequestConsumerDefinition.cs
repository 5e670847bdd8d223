using Sagas.Contracts;
using Sagas.Orchestration.Starting;

namespace Sagas.Orchestration.Signaling;

/// <summary>The <c>workflow-signal</c> endpoint: plain JSON signals from any client, as the <c>start-workflow</c> endpoint takes starts.</summary>
public sealed class WorkflowSignalRequestConsumerDefinition() : RawJsonConsumerDefinition<WorkflowSignalRequestConsumer>(BrokerNames.WorkflowSignal);
