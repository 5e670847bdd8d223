namespace Sagas.Definitions;

/// <summary>
/// Bounds that keep a hostile or broken file from costing more than a refusal.
/// Bound from <c>Sagas:Definitions</c> by the hosts.
/// </summary>
public sealed record DefinitionLimits
{
    public static readonly DefinitionLimits Default = new();

    /// <summary>Largest file accepted. Real definitions are a few kilobytes.</summary>
    public int MaxFileBytes { get; init; } = 256 * 1024;

    /// <summary>Deepest nesting of mappings and lists accepted.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most steps one workflow may declare.</summary>
    public int MaxSteps { get; init; } = 1000;
}
