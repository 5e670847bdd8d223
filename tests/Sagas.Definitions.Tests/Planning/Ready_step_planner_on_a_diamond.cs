using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Planning;

public class Ready_step_planner_on_a_diamond
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
    public void Both_branches_are_ready_together_once_the_top_completes()
    {
        Assert.Equal(["b", "c"], Progress.Start().Completed("a").ReadySteps(_diamond));
    }

    [Fact]
    public void The_join_waits_while_either_branch_is_unfinished()
    {
        Assert.Equal(["c"], Progress.Start().Completed("a").Completed("b").ReadySteps(_diamond));
        Assert.Equal(["b"], Progress.Start().Completed("a").Completed("c").ReadySteps(_diamond));
    }

    [Fact]
    public void The_join_is_ready_once_both_branches_complete()
    {
        Assert.Equal(["d"], Progress.Start().Completed("a").Completed("c").Completed("b").ReadySteps(_diamond));
    }
}
