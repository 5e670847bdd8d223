using System.Globalization;

namespace Sagas.Orchestration.Adaptation;

/// <summary>Measured values as the records write them, the same on every machine whatever its culture.</summary>
internal static class Figures
{
    public static string Ms(double milliseconds) => milliseconds.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public static string Percent(double ratio) => (ratio * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
