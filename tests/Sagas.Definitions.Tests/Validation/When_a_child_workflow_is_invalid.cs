namespace Sagas.Definitions.Tests.Validation;

/// <summary>A step's <c>workflow:</c> is checked with the definition (and its child with the whole set: <see cref="Catalog.Definition_set"/>).</summary>
public sealed class When_a_child_workflow_is_invalid
{
    [Fact]
    public void A_valid_child_step_starts_a_definition_once_by_default()
    {
        var step = Assert.Single(Load.ValidYaml("""
            id: parent
            version: 1
            steps:
              - id: card
                workflow: gift-card
                timeout: 2h
            """).Steps);

        Assert.Equal(("gift-card", "workflow:gift-card", 1, TimeSpan.FromHours(2)), (step.Child!.Definition, step.Service, step.Retry!.MaxAttempts, step.Timeout));
        Assert.Empty(step.Services);
    }

    [Fact]
    public void A_child_step_calls_no_service_undoes_nothing_itself_and_never_starts_its_own_workflow()
    {
        var result = Load.Yaml("""
            id: parent
            version: 1
            steps:
              - id: card
                workflow: gift-card
                service: cards
                compensate: { service: cards }
              - id: again
                workflow: parent
              - id: odd
                workflow: [a]
            """);

        Assert.Equal(
            [(ErrorCodes.ChildConflict, 6, "card"), (ErrorCodes.ChildConflict, 7, "card"), (ErrorCodes.Cycle, 9, "again"), (ErrorCodes.InvalidName, 11, "odd")],
            result.Errors.Select(e => (e.Code, e.Line, e.StepId)));
        Assert.Contains("the child undoes its own steps", result.Errors[1].Message);
    }
}
