using MassTransit;
using Sagas.Contracts.Commands;

namespace Sagas.Bench.Peers.Starting;

/// <summary>
/// Turns a client's raw JSON start into a typed <see cref="StartWorkflow"/> for the saga, the same
/// hop Sagas makes: the saga's queue takes MassTransit envelopes only.
/// </summary>
public sealed class StartRequestConsumer : IConsumer<StartRequest>
{
    public Task Consume(ConsumeContext<StartRequest> context) =>
        context.Publish(new StartWorkflow
        {
            WorkflowId = context.Message.WorkflowId,
            Definition = context.Message.Definition ?? "five-steps",
            Input = context.Message.Input,
            RequestedAt = DateTimeOffset.UtcNow,
        });
}
