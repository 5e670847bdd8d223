namespace Sagas.Cli.Settings;

/// <summary><c>Sagas:Policies</c>: where the orchestration policies load from.</summary>
public sealed class PoliciesSettings
{
    /// <summary>Means: no policy file, every policy at its default.</summary>
    public const string None = "none";

    /// <summary>A policies.yaml; empty means the one beside the definitions, if there is one; <c>none</c> for none.</summary>
    public string Path { get; set; } = string.Empty;
}
