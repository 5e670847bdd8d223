namespace Sagas.Cli.Workflows;

/// <summary>The <c>ID</c> argument of the commands that act on one workflow, and how a workflow id given on the command line is parsed.</summary>
internal static class WorkflowIdArgument
{
    public static Argument<string> Create() => new("id") { Description = "The workflow id" };

    public static Guid Parse(string? text) =>
        Guid.TryParse(text, out var id) ? id : throw new UserErrorException($"'{text}' is not a workflow id (a UUID)");
}
