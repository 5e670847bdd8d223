namespace Sagas.Cli.Workflows;

/// <summary>Parses a workflow id given on the command line.</summary>
internal static class WorkflowIdArgument
{
    public static Guid Parse(string? text) =>
        Guid.TryParse(text, out var id) ? id : throw new UserErrorException($"'{text}' is not a workflow id (a UUID)");
}
