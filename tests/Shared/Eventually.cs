using System.Collections;
using System.Diagnostics;
using Xunit.Sdk;

namespace Sagas.Testing;

/// <summary>
/// Waits for the system to reach a condition on its own: probes it at once and then on a short
/// tick (5 ms, doubling to 100 ms) until it holds or the time is up, and fails with what was
/// expected and the last value seen. The one place a test polls; no test sleeps to wait.
/// </summary>
/// <remarks>Linked into each test project that needs it (tests/Shared), so it is written once.</remarks>
internal static class Eventually
{
    private static readonly TimeSpan FirstTick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestTick = TimeSpan.FromMilliseconds(100);
    private const int LongestDescription = 4_000;

    /// <summary>
    /// Probes until <paramref name="done"/> holds for the value and returns that value; after
    /// <paramref name="timeout"/>, throws with <paramref name="because"/> (what was waited for) and
    /// the last value, as <paramref name="describe"/> puts it (its <c>ToString</c> by default).
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string because, Func<T, string>? describe = null)
    {
        var waited = Stopwatch.StartNew();
        using var tick = new PeriodicTimer(FirstTick);
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (waited.Elapsed >= timeout)
            {
                var seen = describe is null ? Describe(last) : describe(last);
                throw new XunitException($"waited {timeout.TotalSeconds:0.###} s for {because}; last seen: {Shorten(seen)}");
            }

            await tick.WaitForNextTickAsync();
            tick.Period = TimeSpan.FromTicks(Math.Min(tick.Period.Ticks * 2, LongestTick.Ticks));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; after <paramref name="timeout"/>, throws with <paramref name="because"/>.</summary>
    public static Task Until(Func<bool> condition, TimeSpan timeout, string because) =>
        Until(() => Task.FromResult(condition()), holds => holds, timeout, because, _ => "not yet");

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => text,
        IEnumerable items => $"[{string.Join(", ", items.Cast<object?>().Select(Describe))}]",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string Shorten(string text) =>
        text.Length <= LongestDescription ? text : $"{text[..LongestDescription]}… ({text.Length} characters)";
}
