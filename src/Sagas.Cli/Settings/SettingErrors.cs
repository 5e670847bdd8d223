using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Sagas.Cli.Settings;

/// <summary>
/// A setting refused as a host started, said in one line: a module's validation of its options
/// (an <see cref="OptionsValidationException"/> per options type, several at once in an
/// <see cref="AggregateException"/>) or the binder, which could not convert a value and names its key.
/// </summary>
internal static class SettingErrors
{
    /// <summary>The line for a refused setting; null for any other failure.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => Line(invalid.Failures),
        AggregateException { InnerExceptions: [_, ..] and var all } when all.All(e => e is OptionsValidationException) =>
            Line(all.Cast<OptionsValidationException>().SelectMany(e => e.Failures)),

        // The binder throws a plain InvalidOperationException; where it was thrown tells it apart.
        InvalidOperationException { TargetSite.DeclaringType: var thrower } when thrower == typeof(ConfigurationBinder) => $"invalid setting: {error.Message}",
        _ => null,
    };

    private static string Line(IEnumerable<string> failures) => string.Join("; ", failures.Select(failure => $"invalid setting {failure}"));
}
