using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim diag trng</c> (G2 <c>test_trng</c>) and <c>hemsim diag break-trng</c> (G4 <c>break_trng</c>).</summary>
internal static class DiagTrngCommand
{
    public static Command CreateSample(GlobalOptions global, CliHost host)
    {
        var output = new Option<string?>("--out") { Description = "Write the raw 8192 bytes to FILE instead of printing base64", HelpName = "FILE" };
        var command = new Command("trng", "Draw 8192 bytes from the device's entropy source (G2); fails once break-trng ran") { output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/diag/test_trng", bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
                return ExitCodes.Success;
            }

            string text = response.RequiredString("rnd");
            if (parse.GetValue(output) is { } path)
            {
                if (!Base64Text.TryDecodeAny(text, out byte[]? bytes))
                {
                    throw new HemProtocolException("rnd is not base64");
                }
                File.WriteAllBytes(path, bytes);
                host.Out.WriteLine($"wrote {bytes.Length} bytes to {path}");
            }
            else
            {
                host.Out.WriteLine(text);
            }

            return ExitCodes.Success;
        }, failure => failure.Status == 400
            ? "the entropy source failed (break-trng armed, or a health test failed); a reboot clears it"
            : DiagCommand.Hint(failure)));
        return command;
    }

    public static Command CreateBreak(GlobalOptions global, CliHost host)
    {
        var command = new Command("break-trng",
            "Break the TRNG until reboot (G4; latches fault bit 0x02); prints the TRNG state from before the call");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/diag/break_trng", bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
                return ExitCodes.Success;
            }

            long mode = response.RequiredInt64("mode");
            host.Out.WriteLine($"mode:     {mode}{(mode == 0 ? " (was healthy)" : " (was already broken)")}");
            long lastTs = response.RequiredInt64("last_ts");
            host.Out.WriteLine(lastTs == 0 ? "last_ts:  0 (no entropy test yet)" : $"last_ts:  {lastTs}");
            long milliBits = response.RequiredInt64("last_val");
            host.Out.WriteLine($"last_val: {milliBits} ({milliBits / 1000.0:0.000} bits/byte)");
            host.Out.WriteLine("armed: TRNG fault (fault bit 0x02) until reboot; see `hemsim status`");
            return ExitCodes.Success;
        }, DiagCommand.Hint));
        return command;
    }
}
