using System.Globalization;

namespace Sagas.Bench.Observation;

/// <summary>CPU time and peak memory of processes, read from /proc (Linux).</summary>
internal static class ProcessUsage
{
    // USER_HZ is 100 on Linux for every architecture .NET runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User plus system CPU seconds of a process so far, or 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Peak resident memory (VmHWM) in MiB.</summary>
    public static double PeakMemoryMb(int pid) => StatusField(pid, "VmHWM:") / 1024.0;

    /// <summary>Current resident memory (VmRSS) in MiB.</summary>
    public static double MemoryMb(int pid) => StatusField(pid, "VmRSS:") / 1024.0;

    /// <summary>Processes whose command name is exactly this (e.g. "postgres", "beam.smp").</summary>
    public static IReadOnlyList<int> Named(string name) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && ReadComm(pid) == name)];


    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double StatusField(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
