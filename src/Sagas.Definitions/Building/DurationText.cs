using System.Globalization;

namespace Sagas.Definitions.Building;

/// <summary>
/// Reads a duration written as a whole number from 1 and a unit (<c>500ms</c>, <c>30s</c>,
/// <c>2m</c>, <c>1h</c>), the one form every duration key of a definition takes.
/// </summary>
public static class DurationText
{
    /// <summary>
    /// The longest duration accepted. Waiting longer than a day is almost always a slip of the
    /// unit (<c>30h</c> for <c>30m</c>), and a failed load is kinder than a run that hangs for days.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(24);

    /// <summary>What a duration may look like, for error messages.</summary>
    public const string AcceptedForms = "a whole number from 1 followed by ms, s, m or h, e.g. 500ms, 30s, 2m or 1h, at most 24h";

    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.Ordinal)
    {
        ["ms"] = TimeSpan.FromMilliseconds(1),
        ["s"] = TimeSpan.FromSeconds(1),
        ["m"] = TimeSpan.FromMinutes(1),
        ["h"] = TimeSpan.FromHours(1),
    };

    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong,
    /// quoting the text (<c>'30' has no unit</c>).
    /// </summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.Zero;
        var numberLength = text.TakeWhile(c => char.IsAsciiDigit(c) || c is '-' or '.').Count();
        var number = text[..numberLength];
        var unit = text[numberLength..];
        var digits = number.TrimStart('-');
        problem = number.Length == 0 ? $"'{text}' does not start with a number"
            : unit.Length == 0 ? $"'{text}' has no unit"
            : !Units.ContainsKey(unit) ? $"'{text}' has unknown unit '{unit}'"
            : digits.Length == 0 || !digits.All(char.IsAsciiDigit) || number.LastIndexOf('-') > 0 ? $"'{text}' does not start with a whole number"
            : digits.All(c => c == '0') ? $"'{text}' is zero"
            : number.StartsWith('-') ? $"'{text}' is negative"
            : null;
        if (problem is not null)
        {
            return false;
        }

        // Compared in the text's own unit, so a number of any length cannot overflow.
        var unitLength = Units[unit];
        var significant = digits.TrimStart('0');
        if (significant.Length > 18 || long.Parse(significant, CultureInfo.InvariantCulture) > Longest.Ticks / unitLength.Ticks)
        {
            problem = $"'{text}' is longer than {Format(Longest)}";
            return false;
        }

        duration = TimeSpan.FromTicks(unitLength.Ticks * long.Parse(significant, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>A duration in the definition syntax, in the largest unit that writes it whole (<c>90s</c>, <c>2m</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        var (unit, length) = Units.OrderByDescending(u => u.Value).FirstOrDefault(u => duration.Ticks % u.Value.Ticks == 0);
        return unit is null ? $"{duration.TotalMilliseconds}ms" : $"{duration.Ticks / length.Ticks}{unit}";
    }
}
