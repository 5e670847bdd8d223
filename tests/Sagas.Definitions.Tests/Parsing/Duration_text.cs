using Sagas.Definitions.Building;

namespace Sagas.Definitions.Tests.Parsing;

/// <summary>The one form every duration key takes: a whole number from 1 and a unit.</summary>
public class Duration_text
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1ms", 1)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0090s", 90_000)]
    [InlineData("24h", 86_400_000)]
    [InlineData("86400000ms", 86_400_000)]
    public void Reads_a_whole_number_and_a_unit(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration, out var problem), problem);

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("30", "'30' has no unit")]
    [InlineData("30sec", "'30sec' has unknown unit 'sec'")]
    [InlineData("30S", "'30S' has unknown unit 'S'")]
    [InlineData("1d", "'1d' has unknown unit 'd'")]
    [InlineData("30 s", "'30 s' has unknown unit ' s'")]
    [InlineData("0s", "'0s' is zero")]
    [InlineData("000ms", "'000ms' is zero")]
    [InlineData("-5s", "'-5s' is negative")]
    [InlineData("1.5h", "'1.5h' does not start with a whole number")]
    [InlineData("5-s", "'5-s' does not start with a whole number")]
    [InlineData("ms", "'ms' does not start with a number")]
    [InlineData("soon", "'soon' does not start with a number")]
    [InlineData("", "'' does not start with a number")]
    [InlineData("25h", "'25h' is longer than 24h")]
    [InlineData("1441m", "'1441m' is longer than 24h")]
    [InlineData("86400001ms", "'86400001ms' is longer than 24h")]
    [InlineData("99999999999999999999999h", "'99999999999999999999999h' is longer than 24h")]
    public void Refuses_anything_else_saying_what_is_wrong(string text, string expected)
    {
        Assert.False(DurationText.TryParse(text, out var duration, out var problem));

        Assert.Equal(expected, problem);
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(86_400_000, "24h")]
    public void Formats_in_the_largest_unit_that_writes_it_whole(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(250, "250 ms")]
    [InlineData(1_000, "1 s")]
    [InlineData(1_500, "1500 ms")]
    [InlineData(30_000, "30 s")]
    [InlineData(90_000, "90 s")]
    [InlineData(300_000, "5 min")]
    [InlineData(7_200_000, "2 h")]
    [InlineData(0, "0 ms")]
    public void Words_a_duration_in_the_largest_unit_that_writes_it_whole(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Words(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData(-2_000, "0 s")]
    [InlineData(12_345, "12 s")]
    [InlineData(59_600, "60 s")]
    [InlineData(150_000, "3 min")]
    [InlineData(5_400_000, "2 h")]
    public void Rounds_time_gone_by_in_the_largest_unit_it_has_reached(long milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Roughly(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void States_the_longest_duration_in_its_accepted_forms()
    {
        Assert.EndsWith($"at most {DurationText.Format(DurationText.Longest)}", DurationText.AcceptedForms);
    }
}
