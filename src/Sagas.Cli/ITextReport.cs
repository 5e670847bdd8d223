namespace Sagas.Cli;

/// <summary>A command's result that a person reads as text and a script reads as JSON.</summary>
internal interface ITextReport
{
    void WriteText(TextWriter output);
}
