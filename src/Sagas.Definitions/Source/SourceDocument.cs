namespace Sagas.Definitions.Source;

/// <summary>
/// The file handling definitions and the policy file share: read a file under the size limit
/// (refusing a huge one before reading it), then decode and parse it into the source tree,
/// JSON for <c>.json</c> and YAML otherwise.
/// </summary>
internal static class SourceDocument
{
    /// <summary>The file's bytes, or the one error that stops it being read.</summary>
    public static (byte[]? Content, DefinitionError? Error) ReadFile(string path, DefinitionLimits limits)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return (null, ErrorAt(path, SourcePosition.Start, ErrorCodes.FileNotFound, "no such file"));
        }

        return info.Length > limits.MaxFileBytes
            ? (null, ErrorAt(path, SourcePosition.Start, ErrorCodes.FileTooLarge,
                $"file is {info.Length:N0} bytes, over the limit of {limits.MaxFileBytes:N0} (setting Sagas:Definitions:MaxFileBytes)"))
            : (File.ReadAllBytes(path), null);
    }

    /// <summary>
    /// The content's source tree, or the one error that stops it being read as one (empty,
    /// malformed, hostile or too deep), at the position of what is wrong.
    /// </summary>
    public static (SourceNode? Root, DefinitionError? Error) Parse(string file, ReadOnlySpan<byte> content, DefinitionLimits limits)
    {
        try
        {
            var text = SourceTextDecoder.Decode(content, limits);
            return (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? JsonSourceReader.Read(text, limits) : YamlSourceReader.Read(text, limits), null);
        }
        catch (SourceRejectedException e)
        {
            return (null, ErrorAt(file, e.Position, e.Code, e.Message));
        }
    }

    private static DefinitionError ErrorAt(string file, SourcePosition position, string code, string message) =>
        new(file, position.Line, position.Column, null, code, message);
}
