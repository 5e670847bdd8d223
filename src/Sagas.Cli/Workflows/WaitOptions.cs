namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>--wait</c> and <c>--timeout</c>, declared alike by every command that can wait for a
/// workflow's outcome; only what waiting means differs, so only that is described by the command.
/// </summary>
internal sealed class WaitOptions(string waitDescription)
{
    public Option<bool> Wait { get; } = new("--wait") { Description = waitDescription };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds to wait with --wait", DefaultValueFactory = _ => 60 };

    public TimeSpan TimeoutOf(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(Timeout));
}
