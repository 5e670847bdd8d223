using System.Reflection;
using System.Runtime.InteropServices;
using Npgsql;
using Sagas.Bench.Scenarios;

namespace Sagas.Bench.Reporting;

/// <summary>Reads the machine and the versions of the parts, for the report.</summary>
internal static class MachineProbe
{
    public static async Task<MachineInfo> ReadAsync(BenchSettings settings)
    {
        var meminfo = (await File.ReadAllTextAsync("/proc/meminfo")).Split('\n');
        var memoryKb = meminfo.First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var cpuinfo = (await File.ReadAllTextAsync("/proc/cpuinfo")).Split('\n');
        var cpu = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

        await using var connection = await Broker.ConnectAsync(settings, "sagas bench probe");
        var rabbit = connection.ServerProperties?.TryGetValue("version", out var version) == true && version is byte[] bytes
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : "unknown";

        await using var postgres = new NpgsqlConnection(settings.PostgresConnectionString);
        await postgres.OpenAsync();
        var postgresVersion = postgres.PostgreSqlVersion.ToString();

        return new MachineInfo(
            Environment.ProcessorCount,
            Math.Round(double.Parse(memoryKb) / 1024 / 1024, 1),
            cpu,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            rabbit,
            postgresVersion,
            Version(typeof(MassTransit.IBus).Assembly),
            Version(typeof(Marten.IDocumentStore).Assembly));
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
}
