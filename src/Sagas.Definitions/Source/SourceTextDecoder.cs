using System.Text;

namespace Sagas.Definitions.Source;

/// <summary>
/// Turns a file's bytes into text, refusing what is too large or is not text at all
/// before any parser sees it.
/// </summary>
public static class SourceTextDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> content, DefinitionLimits limits)
    {
        if (content.Length > limits.MaxFileBytes)
        {
            throw new SourceRejectedException(
                ErrorCodes.FileTooLarge,
                $"file is {content.Length:N0} bytes, over the limit of {limits.MaxFileBytes:N0} (setting Sagas:Definitions:MaxFileBytes)",
                SourcePosition.Start);
        }

        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (content.StartsWith(bom))
        {
            content = content[bom.Length..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new SourceRejectedException(ErrorCodes.BinaryContent, "file is not UTF-8 text", SourcePosition.Start);
        }

        RejectControlCharacters(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SourceRejectedException(ErrorCodes.EmptyFile, "file is empty", SourcePosition.Start);
        }

        return text;
    }

    private static void RejectControlCharacters(string text)
    {
        var line = 1;
        var column = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
                continue;
            }

            if (char.IsControl(c) && c is not '\t' and not '\r')
            {
                throw new SourceRejectedException(
                    ErrorCodes.BinaryContent,
                    $"file holds the control character U+{(int)c:X4}; definitions are text",
                    new SourcePosition(line, column));
            }

            column++;
        }
    }
}
