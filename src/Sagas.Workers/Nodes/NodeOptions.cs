using Microsoft.Extensions.Options;

namespace Sagas.Workers.Nodes;

/// <summary><c>Sagas:Nodes</c>: how often a node announces itself, and when it calls itself unhealthy.</summary>
public sealed class NodeOptions
{
    public const string SectionName = "Sagas:Nodes";

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a dependency may keep failing (while the node reconnects and retries) before the node reports itself unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a step waits in a service instance's own queue before it moves to the instance's
    /// endpoint queue, which all its instances consume (the steps of an instance that died).
    /// </summary>
    public TimeSpan InstanceHandoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Each setting that makes no sense, named by its configuration key.</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. HeartbeatInterval <= TimeSpan.Zero ? [$"{SectionName}:HeartbeatInterval must be positive (it is {HeartbeatInterval})"] : Array.Empty<string>(),
        .. UnhealthyAfter <= TimeSpan.Zero ? [$"{SectionName}:UnhealthyAfter must be positive (it is {UnhealthyAfter})"] : Array.Empty<string>(),
        .. InstanceHandoff < TimeSpan.FromSeconds(1) ? [$"{SectionName}:InstanceHandoff must be at least 1 s (it is {InstanceHandoff})"] : Array.Empty<string>(),
    ];

    /// <summary>Refuses the options while a setting makes no sense, naming each by its key.</summary>
    internal sealed class Validation : IValidateOptions<NodeOptions>
    {
        public ValidateOptionsResult Validate(string? name, NodeOptions options) =>
            options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
