using Sagas.Definitions;
using Sagas.Samples;

namespace Sagas.Cli.Settings;

/// <summary><c>Sagas:Definitions</c>: where definitions load from and how large a file may be.</summary>
public sealed class DefinitionsSettings
{
    /// <summary>The definitions folder; empty means the sample definitions shipped beside the binary.</summary>
    public string Path { get; set; } = string.Empty;

    public int MaxFileBytes { get; set; } = DefinitionLimits.Default.MaxFileBytes;

    public string ResolvedPath => string.IsNullOrWhiteSpace(Path) ? SampleDefinitions.Folder : System.IO.Path.GetFullPath(Path);

    public DefinitionLimits Limits => DefinitionLimits.Default with { MaxFileBytes = MaxFileBytes };
}
