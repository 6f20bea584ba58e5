using System.Runtime.InteropServices;

namespace HemSim.Bench;

/// <summary>What the figures were measured on, printed first so that a pasted result carries it.</summary>
internal static class MachineInfo
{
    public static void Print(TextWriter output)
    {
        output.WriteLine($"date:    {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        output.WriteLine($"machine: {Environment.ProcessorCount} CPUs (nproc), {CpuModel()}");
        output.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        output.WriteLine();
    }

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "CPU model unknown";
        }
        string? line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "CPU model unknown" : line[(line.IndexOf(':') + 1)..].Trim();
    }
}
