using Sagas.Orchestration.Admission;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Admission;

public sealed class Admission_ticket_ids
{
    private static readonly Guid Workflow = Guid.Parse("8c4b6a1e-2f0d-4b7a-9e3c-5d1f0a2b3c4d");

    [Fact]
    public void An_id_is_written_workflow_step_attempt()
    {
        Assert.Equal($"{Workflow}/charge/2", new AdmissionTicketId(Workflow, "charge", 2).ToString());
        Assert.Equal($"{Workflow}/charge/2", AdmissionTicket.IdOf(Workflow, "charge", 2));
    }

    [Fact]
    public void An_id_reads_back_as_written()
    {
        var id = new AdmissionTicketId(Workflow, "reserve-stock", 12);

        Assert.Equal(id, AdmissionTicketId.Parse(id.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("charge")]
    [InlineData("not-a-guid/charge/1")]
    [InlineData("8c4b6a1e-2f0d-4b7a-9e3c-5d1f0a2b3c4d/charge")]
    [InlineData("8c4b6a1e-2f0d-4b7a-9e3c-5d1f0a2b3c4d//1")]
    [InlineData("8c4b6a1e-2f0d-4b7a-9e3c-5d1f0a2b3c4d/charge/one")]
    [InlineData("8c4b6a1e-2f0d-4b7a-9e3c-5d1f0a2b3c4d/charge/-1")]
    public void Anything_else_is_not_an_id(string text)
    {
        Assert.False(AdmissionTicketId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => AdmissionTicketId.Parse(text));
    }

    [Fact]
    public void An_id_is_for_its_step_whatever_the_attempt()
    {
        var id = new AdmissionTicketId(Workflow, "charge", 3);

        Assert.True(id.IsFor(Workflow, "charge"));
        Assert.False(id.IsFor(Workflow, "charge-again"));
        Assert.False(id.IsFor(Guid.NewGuid(), "charge"));
    }
}
