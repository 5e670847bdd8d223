namespace Sagas.Bench;

/// <summary>
/// Refuses what the bench does not understand before it starts: a mistyped or unknown option
/// would otherwise be ignored, and the full bench (many minutes) would run instead.
/// </summary>
internal static class BenchArguments
{
    public const string Usage =
        "usage: scripts/bench [--quick] [--idle N] [--only SCENARIO,…] [--out FILE] [--into-latest] [--baselines-only] | --compare REV | --compare-env NAME=VALUE [--runs N] [--only SCENARIO,…]";

    private static readonly HashSet<string> Flags = ["--quick", "--baselines-only", "--into-latest"];
    private static readonly HashSet<string> WithValue = ["--idle", "--only", "--out"];

    /// <summary>Null when the arguments are fine, else the one line that says what is wrong.</summary>
    public static string? Problem(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Flags.Contains(arg))
            {
                continue;
            }

            if (!WithValue.Contains(arg))
            {
                return $"unknown argument '{arg}'";
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return $"{arg} needs a value";
            }

            if (arg == "--idle" && !(int.TryParse(args[i + 1], out var count) && count > 0))
            {
                return $"--idle takes a count of workflows, not '{args[i + 1]}'";
            }

            i++;
        }

        return null;
    }
}
