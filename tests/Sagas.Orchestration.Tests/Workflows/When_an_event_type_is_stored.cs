using Sagas.Orchestration.Journal;
using Sagas.Orchestration.Workflows;

namespace Sagas.Orchestration.Tests.Workflows;

public sealed class When_an_event_type_is_stored
{
    [Fact]
    public void Every_event_type_a_stream_may_hold_is_one_the_state_evolves_by_and_no_other()
    {
        var stored = JournalEvents.All.Select(t => t.Name).Order(StringComparer.Ordinal);
        var evolved = WorkflowEvolution.EventTypes.Select(t => t.Name).Order(StringComparer.Ordinal);

        Assert.Equal(stored, evolved);
    }
}
