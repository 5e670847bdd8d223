using System.Security.Cryptography;

namespace Sagas.Definitions.Loading;

/// <summary>SHA-256 of a definition file's bytes, lower-case hex: what a running instance pins.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
