using MassTransit;
using Sagas.Contracts;

namespace Sagas.Orchestration.Workflows;

/// <summary>
/// The workflow a message the saga takes belongs to: a workflow message's own id, or for the fault
/// of a command that failed in a worker (<c>Fault&lt;ExecuteStep&gt;</c>), the id of that command.
/// One rule for correlating and partitioning every message.
/// </summary>
public static class WorkflowMessages
{
    /// <summary>The id of the workflow <paramref name="message"/> belongs to.</summary>
    /// <exception cref="ArgumentException">The message carries no workflow id (see <see cref="Carries"/>).</exception>
    public static Guid IdOf<T>(T message)
        where T : class =>
        message switch
        {
            IWorkflowMessage workflow => workflow.WorkflowId,
            Fault<IWorkflowMessage> fault => fault.Message.WorkflowId,
            _ => throw new ArgumentException($"a {typeof(T).Name} carries no workflow id", nameof(message)),
        };

    /// <summary>Whether every message of <paramref name="type"/> carries a workflow id for <see cref="IdOf"/>.</summary>
    public static bool Carries(Type type) =>
        typeof(IWorkflowMessage).IsAssignableFrom(type) || typeof(Fault<IWorkflowMessage>).IsAssignableFrom(type);
}
