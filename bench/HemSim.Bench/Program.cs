namespace HemSim.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/HemSim.Bench -- transport [--quick]</c>: prints throughput and
/// latency of the link protocol over each kind of link, with the baselines they are judged against, measured
/// in the same run. A plain runner, not a test: it prints numbers and judges one thing — payload throughput
/// at a throttled baud rate must reach 90% of the line rate.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "transport" || args.Skip(1).Any(arg => arg != "--quick"))
        {
            await Console.Error.WriteLineAsync("usage: HemSim.Bench transport [--quick]");
            return 2;
        }
#if DEBUG
        await Console.Error.WriteLineAsync("warning: a Debug build; run with -c Release for figures worth recording.");
#endif
        MachineInfo.Print(Console.Out);
        bool lineRateMet = await TransportBenchmark.RunAsync(Console.Out, quick: args.Contains("--quick"));
        return lineRateMet ? 0 : 1;
    }
}
