using Sagas.Definitions.Model;
using Sagas.Definitions.Planning;

namespace Sagas.Definitions.Tests.Planning;

public class Ready_step_planner_on_a_linear_chain
{
    private readonly WorkflowDefinition _chain = Load.ValidYaml("""
        id: chain
        version: 1
        steps:
          - id: a
            service: s
          - id: b
            service: s
            depends_on: a
          - id: c
            service: s
            depends_on: b
        """);

    [Fact]
    public void Only_the_first_step_is_ready_at_the_start()
    {
        Assert.Equal(["a"], Progress.Start().ReadySteps(_chain));
    }

    [Fact]
    public void Each_step_is_ready_once_the_one_before_it_completes()
    {
        var progress = Progress.Start().Completed("a");
        Assert.Equal(["b"], progress.ReadySteps(_chain));

        progress = progress.Completed("b");
        Assert.Equal(["c"], progress.ReadySteps(_chain));
    }

    [Fact]
    public void Nothing_is_ready_once_every_step_completed()
    {
        var progress = Progress.Start().Completed("a").Completed("b").Completed("c");

        Assert.Empty(progress.ReadySteps(_chain));
    }

    [Fact]
    public void The_plan_carries_each_step_definition()
    {
        var planned = Assert.Single(Progress.Start().Decide(_chain).Run);

        Assert.Same(_chain.FindStep("a"), planned.Step);
        Assert.True(planned.Input.Succeeded);
    }
}
