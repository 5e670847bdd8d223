using System.Globalization;
using Sagas.Definitions.Building;

namespace Sagas.Cli.Workflows;

/// <summary>
/// <c>--since</c>: how far back, as a duration (<c>90s</c>, <c>15m</c>, <c>1h</c>, <c>7d</c>) or a
/// moment (<c>2026-11-30T08:00:00Z</c>), read as the moment it names.
/// </summary>
internal static class SinceOption
{
    private const string Forms = "a duration such as 30m, 6h or 7d, or an ISO 8601 moment such as 2026-11-30T08:00:00Z";

    public static Option<string?> Create() => Create("Only workflows started since then");

    public static Option<string?> Create(string description) => new("--since") { Description = $"{description}: {Forms}" };

    public static DateTimeOffset? Parse(string? text, DateTimeOffset now)
    {
        if (text is null)
        {
            return null;
        }

        if (text.EndsWith('d') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
        {
            return now.AddDays(-days);
        }

        if (DurationText.TryParse(text, out var duration, out _))
        {
            return now - duration;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) && text.Contains('T', StringComparison.Ordinal))
        {
            return moment;
        }

        throw new UserErrorException($"--since '{text}' is not {Forms}");
    }
}
