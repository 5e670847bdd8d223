using System.Security.Cryptography;
using System.Text;

namespace Sagas.Analytics.Health;

/// <summary>
/// The stream of what happened to the analytics themselves (<see cref="AnalyticsDegraded"/>,
/// <see cref="AnalyticsRecovered"/>): one per store, beside the workflows' and nodes' streams.
/// </summary>
public static class OperationsStream
{
    public static readonly Guid Id = new(MD5.HashData(Encoding.UTF8.GetBytes("sagas-operations:analytics")));

    public static readonly IReadOnlyList<Type> EventTypes = [typeof(AnalyticsDegraded), typeof(AnalyticsRecovered)];
}
