using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Planning;

public class Workflow_completion
{
    private readonly WorkflowDefinition _definition = Load.ValidYaml("""
        id: w
        version: 1
        steps:
          - id: a
            service: s
          - id: b
            service: s
        """);

    [Fact]
    public void Is_not_complete_at_the_start()
    {
        Assert.False(ReadyStepPlanner.IsComplete(_definition, Progress.Start()));
    }

    [Fact]
    public void Is_not_complete_while_a_step_is_in_flight()
    {
        Assert.False(ReadyStepPlanner.IsComplete(_definition, Progress.Start().Completed("a").Dispatched("b")));
    }

    [Fact]
    public void Is_complete_once_every_step_completed_even_with_a_null_output()
    {
        var progress = Progress.Start().Completed("a", output: null).Completed("b", output: null);

        Assert.True(ReadyStepPlanner.IsComplete(_definition, progress));
    }
}
