using System.Globalization;
using Sagas.Definitions.Building;
using Sagas.Orchestration.Adaptation;

namespace Sagas.Cli.Nodes;

/// <summary>What <c>sagas services</c> says of adaptations: one in force beside its instance, and a service's whole history with <c>--history</c>.</summary>
internal static class AdaptationHistory
{
    public static async Task<int> WriteAsync(CliContext context, string service, IReadOnlyList<object> records, bool json)
    {
        if (json)
        {
            JsonOutput.Write(context.Output, records.Select(r => new { Type = r.GetType().Name, Record = r }).ToList());
            return ExitCodes.Success;
        }

        if (records.Count == 0)
        {
            await context.Output.WriteLineAsync($"nothing was adapted for '{service}': no orchestrator with 'adaptive' in its policies has recorded anything for it");
            return ExitCodes.Success;
        }

        foreach (var record in records)
        {
            await context.Output.WriteLineAsync(record switch
            {
                AdaptationApplied a => $"{Time(a.AppliedAt)}  {a.Instance ?? service} {a.Action} on {a.Trigger} ({Figure(a.Measured)} against {Figure(a.Threshold)}) by {a.Orchestrator}: {a.Reason}",
                AdaptationReverted r => $"{Time(r.RevertedAt)}  {r.Instance ?? service} no longer {r.Action} on {r.Trigger} after {DurationText.Roughly(r.Lasted)} by {r.Orchestrator}: {r.Reason}",
                _ => $"{record.GetType().Name}",
            });
        }

        return ExitCodes.Success;
    }

    /// <summary>One line for an adaptation in force.</summary>
    public static string InForce(AdaptationApplied adaptation) =>
        adaptation.Until is { } until
            ? $"{adaptation.Action} on {adaptation.Trigger} until {Time(until)} by {adaptation.Orchestrator}: {adaptation.Reason}"
            : $"{adaptation.Action} on {adaptation.Trigger} since {Time(adaptation.AppliedAt)} by {adaptation.Orchestrator}: {adaptation.Reason}";

    private static string Time(DateTimeOffset at) => at.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Figure(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
