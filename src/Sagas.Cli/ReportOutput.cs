namespace Sagas.Cli;

/// <summary>Writes a report as <c>--json</c> asks: JSON for a script, text for a person.</summary>
internal static class ReportOutput
{
    public static void Write<T>(TextWriter output, T report, bool json)
        where T : ITextReport
    {
        if (json)
        {
            JsonOutput.Write(output, report);
        }
        else
        {
            report.WriteText(output);
        }
    }
}
