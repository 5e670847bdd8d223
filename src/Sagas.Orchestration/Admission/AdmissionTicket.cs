using Marten.Schema;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Admission;

/// <summary>
/// One step's place under its service's limits (Marten document <c>sagas.mt_doc_admission</c>):
/// written waiting with the saga state that queued the step, marked admitted by the relay that
/// gave it a slot, and deleted with the state that recorded the step's result. The admitted
/// tickets of a service are its steps in flight, counted across all nodes.
/// </summary>
[DocumentAlias("admission")]
public sealed record AdmissionTicket
{
    /// <summary>The <see cref="AdmissionTicketId"/> written out: <c>WORKFLOW/STEP/ATTEMPT</c>.</summary>
    public required string Id { get; init; }

    public required Guid WorkflowId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Service { get; init; }

    /// <summary>Order of admission: first queued, first admitted.</summary>
    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>Null while waiting; set by the relay that gave the step its slot.</summary>
    public DateTimeOffset? AdmittedAt { get; init; }

    public static string IdOf(Guid workflowId, string stepId, int attempt) => new AdmissionTicketId(workflowId, stepId, attempt).ToString();
}
