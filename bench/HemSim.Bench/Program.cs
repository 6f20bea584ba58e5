namespace HemSim.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/HemSim.Bench -- transport|keymgmt|crypto [--quick]</c>. A plain runner, not a
/// test: it prints figures next to baselines measured in the same run, and judges only what its issue asks for —
/// <c>transport</c>: payload at a throttled baud rate reaches 90% of the line rate; <c>keymgmt</c>: list, search
/// and get under 5 ms and boot under 500 ms with a full key store; <c>crypto</c>: the device core reaches 80% of the
/// raw primitive's speed for ECDSA P-256, Ed25519, ML-DSA-65 sign and AES-256-GCM 1 KiB. Exit code 1 when that judgement fails.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("transport" or "keymgmt" or "crypto") || args.Skip(1).Any(arg => arg != "--quick"))
        {
            await Console.Error.WriteLineAsync("usage: HemSim.Bench transport|keymgmt|crypto [--quick]");
            return 2;
        }
#if DEBUG
        await Console.Error.WriteLineAsync("warning: a Debug build; run with -c Release for figures worth recording.");
#endif
        MachineInfo.Print(Console.Out);
        bool quick = args.Contains("--quick");
        bool met = args[0] switch
        {
            "transport" => await TransportBenchmark.RunAsync(Console.Out, quick),
            "keymgmt" => KeyMgmtBenchmark.Run(Console.Out, quick),
            _ => CryptoBenchmark.Run(Console.Out, quick),
        };
        return met ? 0 : 1;
    }
}
