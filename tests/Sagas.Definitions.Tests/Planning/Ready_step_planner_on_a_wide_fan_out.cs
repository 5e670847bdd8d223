using System.Text;
using Sagas.Definitions.Model;

namespace Sagas.Definitions.Tests.Planning;

/// <summary>One step, fifty in parallel after it, and a join after all fifty.</summary>
public class Ready_step_planner_on_a_wide_fan_out
{
    private static readonly string[] Branches = [.. Enumerable.Range(1, 50).Select(i => $"branch-{i:00}")];

    private readonly WorkflowDefinition _fanOut = Load.ValidYaml(FanOutYaml());

    private static string FanOutYaml()
    {
        var yaml = new StringBuilder("""
            id: fan-out
            version: 1
            steps:
              - id: start
                service: s

            """);
        foreach (var branch in Branches)
        {
            yaml.Append($"  - id: {branch}\n    service: s\n    depends_on: start\n");
        }

        yaml.Append($"  - id: join\n    service: s\n    depends_on: [{string.Join(", ", Branches)}]\n");
        return yaml.ToString();
    }

    [Fact]
    public void All_fifty_branches_are_ready_at_once_after_the_start()
    {
        Assert.Equal(Branches, Progress.Start().Completed("start").ReadySteps(_fanOut));
    }

    [Fact]
    public void The_join_waits_until_the_last_branch_completes()
    {
        var progress = Progress.Start().Completed("start").Dispatched(Branches);
        foreach (var branch in Branches.Reverse().Skip(1))
        {
            progress = progress.Completed(branch);
            Assert.Empty(progress.ReadySteps(_fanOut));
        }

        progress = progress.Completed(Branches[^1]);

        Assert.Equal(["join"], progress.ReadySteps(_fanOut));
    }
}
