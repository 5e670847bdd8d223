using Microsoft.Extensions.Options;

namespace Sagas.Workers.Nodes;

/// <summary><c>Sagas:Nodes</c>: how often a node announces itself, and when it calls itself unhealthy.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Sagas:Nodes";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dependency may keep failing (while the node reconnects and retries) before the node reports itself unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each setting that makes no sense, named by its configuration key.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. HeartbeatInterval <= TimeSpan.Zero ? [$"{SectionName}:HeartbeatInterval must be positive (it is {HeartbeatInterval})"] : Array.Empty<string>(),
        .. UnhealthyAfter <= TimeSpan.Zero ? [$"{SectionName}:UnhealthyAfter must be positive (it is {UnhealthyAfter})"] : Array.Empty<string>(),
    ];

    /// <summary>Refuses the options while a setting makes no sense, naming each by its key.</summary>
    internal sealed class Validation : IValidateOptions<NodeOptions>
    {
        public ValidateOptionsResult Validate(string? name, NodeOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
