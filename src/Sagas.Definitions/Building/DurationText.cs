using System.Globalization;

namespace Sagas.Definitions.Building;

/// <summary>
/// Durations as text, the one place that writes them: reads the one form every duration key of a
/// definition takes, a whole number from 1 and a unit (<c>500ms</c>, <c>30s</c>, <c>2m</c>,
/// <c>1h</c>), writes it back (<see cref="Format"/>), and writes durations in words for messages,
/// reasons and the CLI (<see cref="Words"/>, <see cref="Roughly"/>).
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

    private static readonly Unit Hour = new(TimeSpan.FromHours(1), "h", "h");
    private static readonly Unit Minute = new(TimeSpan.FromMinutes(1), "m", "min");
    private static readonly Unit Second = new(TimeSpan.FromSeconds(1), "s", "s");
    private static readonly Unit Millisecond = new(TimeSpan.FromMilliseconds(1), "ms", "ms");

    // Largest first: a duration is written in the first unit that writes it whole.
    private static readonly Unit[] Units = [Hour, Minute, Second, Millisecond];

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
            : UnitOf(unit) is null ? $"'{text}' has unknown unit '{unit}'"
            : digits.Length == 0 || !digits.All(char.IsAsciiDigit) || number.LastIndexOf('-') > 0 ? $"'{text}' does not start with a whole number"
            : digits.All(c => c == '0') ? $"'{text}' is zero"
            : number.StartsWith('-') ? $"'{text}' is negative"
            : null;
        if (problem is not null)
        {
            return false;
        }

        // Compared in the text's own unit, so a number of any length cannot overflow.
        var unitLength = UnitOf(unit)!.Length;
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
    public static string Format(TimeSpan duration) => Write(duration, u => u.Symbol, separator: string.Empty);

    /// <summary>
    /// A duration in words, as messages and recorded reasons say it: in the largest unit that writes
    /// it whole (<c>90 s</c>, <c>5 min</c>, <c>250 ms</c>).
    /// </summary>
    public static string Words(TimeSpan duration) => Write(duration, u => u.Word, separator: " ");

    /// <summary>
    /// Time gone by, rounded in the largest unit it has reached, seconds at the least, never below
    /// zero (<c>12 s</c>, <c>4 min</c>, <c>2 h</c>): for "last seen" and the like.
    /// </summary>
    public static string Roughly(TimeSpan elapsed)
    {
        var unit = elapsed >= Hour.Length ? Hour : elapsed >= Minute.Length ? Minute : Second;
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(Math.Max(0, elapsed / unit.Length), MidpointRounding.AwayFromZero)} {unit.Word}");
    }

    private static string Write(TimeSpan duration, Func<Unit, string> name, string separator)
    {
        // Zero is written in the smallest unit; a fraction of a millisecond as a fraction of one.
        var unit = duration == TimeSpan.Zero ? Millisecond : Array.Find(Units, u => duration.Ticks % u.Length.Ticks == 0);
        return unit is null
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds}{separator}{name(Millisecond)}")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / unit.Length.Ticks}{separator}{name(unit)}");
    }

    private static Unit? UnitOf(string symbol) => Array.Find(Units, u => u.Symbol == symbol);

    /// <summary>A unit: its length, its symbol in the definition syntax, and the word for it in messages.</summary>
    private sealed record Unit(TimeSpan Length, string Symbol, string Word);
}
