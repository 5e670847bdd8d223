namespace Sagas.Definitions.Model;

/// <summary>Where a definition came from and the hash of its content, which a running instance pins.</summary>
public sealed record DefinitionSource(string File, string ContentHash)
{
    /// <summary>The first 12 hex digits, enough to tell versions apart in listings.</summary>
    public string ShortHash => ContentHash[..Math.Min(12, ContentHash.Length)];
}
