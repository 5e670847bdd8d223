namespace Sagas.Contracts.Telemetry;

/// <summary>
/// The one name Sagas reports under: its meter and its activity source (traces), on orchestrators
/// and workers alike, so a collector asks for one name.
/// </summary>
public static class SagasTelemetry
{
    public const string Name = "Sagas";
}
