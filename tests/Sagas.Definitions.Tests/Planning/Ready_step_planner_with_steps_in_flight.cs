using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>A dispatched step is not planned again while it runs.</summary>
public class Ready_step_planner_with_steps_in_flight
{
    private readonly WorkflowDefinition _diamond = Load.ValidYaml("""
        id: diamond
        version: 1
        steps:
          - id: a
            service: s
          - id: b
            service: s
            depends_on: [a]
          - id: c
            service: s
            depends_on: [a]
          - id: d
            service: s
            depends_on: [b, c]
        """);

    [Fact]
    public void A_step_in_flight_is_not_ready()
    {
        Assert.Empty(Progress.Start().Dispatched("a").ReadySteps(_diamond));
    }

    [Fact]
    public void Only_the_branch_not_in_flight_is_ready()
    {
        Assert.Equal(["c"], Progress.Start().Completed("a").Dispatched("b").ReadySteps(_diamond));
    }

    [Fact]
    public void The_join_is_not_ready_while_a_branch_is_in_flight()
    {
        var progress = Progress.Start().Completed("a").Completed("b").Dispatched("c");

        Assert.Empty(progress.ReadySteps(_diamond));
    }

    [Fact]
    public void The_join_is_ready_once_the_branch_in_flight_completes()
    {
        var progress = Progress.Start().Completed("a").Completed("b").Dispatched("c").Completed("c");

        Assert.Equal(["d"], progress.ReadySteps(_diamond));
    }
}
