using MassTransit;
using Sagas.Orchestration.Outbox;

namespace Sagas.Orchestration.Tests;

/// <summary>
/// The saga's outbox on the in-memory harness: what the saga sends through
/// <see cref="IWorkflowOutbox"/>, as on a node, is held until the saga is done with the message and
/// then sent on the harness's bus, in order. A message the saga fails on sends nothing.
/// </summary>
internal sealed class InMemoryWorkflowOutbox : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var held = new Held();
        context.AddOrUpdatePayload<IWorkflowOutbox>(() => held, _ => held);
        await next.Send(context);
        foreach (var (destination, message) in held.Messages)
        {
            if (destination is null)
            {
                await context.Publish(message, message.GetType());
            }
            else
            {
                var endpoint = await context.GetSendEndpoint(destination);
                await endpoint.Send(message, message.GetType());
            }
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("in-memory-workflow-outbox");

    private sealed class Held : IWorkflowOutbox
    {
        public List<(Uri? Destination, object Message)> Messages { get; } = [];

        public void Send(Uri destination, object message, TimeSpan? answerWithin = null) => Messages.Add((destination, message));

        public void Publish(object message) => Messages.Add((null, message));
    }
}
