using System.CommandLine;
using System.Globalization;
using HemSim.Cli.Http;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary><c>hemsim diag corrupt-repo</c> (G8) and <c>hemsim diag memdump</c> (G9).</summary>
internal static class DiagRepoCommand
{
    private const int MaxDump = 4095;

    public static Command CreateCorrupt(GlobalOptions global, CliHost host)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The key record's _addr (decimal), as `hemsim keys list` shows it" };
        var command = new Command("corrupt-repo",
            "Zero bytes 4-7 of a key record's sealed secret (G8): the key drops out of use and every self-test reports 0x08") { address };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string text = Decimal(parse.GetValue(address), "ADDRESS");
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync("/api/diag/corrupt_repo/" + text, bearerToken: null, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
                return ExitCodes.Success;
            }

            host.Out.WriteLine($"corrupted: key record at {response.RequiredInt64("address")} (status {response.RequiredInt64("status")}); "
                + "self-tests now report fault bit 0x08, also after reboot");
            return ExitCodes.Success;
        }, failure => failure.Status == 400
            ? "ADDRESS must be the _addr of a valid key record that holds a secret"
            : DiagCommand.Hint(failure)));
        return command;
    }

    public static Command CreateMemdump(GlobalOptions global, CliHost host)
    {
        var address = new Argument<string>("ADDRESS") { Description = "Start address (decimal, at least 1)" };
        var length = new Argument<string>("LENGTH") { Description = $"Number of bytes (decimal, 1-{MaxDump})" };
        var output = new Option<string?>("--out") { Description = "Write the raw bytes to FILE instead of printing a hex dump", HelpName = "FILE" };
        var command = new Command("memdump", "Read LENGTH bytes of the device's memory from ADDRESS (G9)") { address, length, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string from = Decimal(parse.GetValue(address), "ADDRESS");
            string count = Decimal(parse.GetValue(length), "LENGTH");
            using HemClient client = global.CreateClient(parse, host);
            HemResponse response = await client.GetAsync($"/api/diag/memdump/{from}/{count}", bearerToken: null, cancellationToken)
                .ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(response.Text);
                return ExitCodes.Success;
            }

            long start = response.RequiredInt64("address");
            if (!Base64Text.TryDecodeAny(response.RequiredString("dump"), out byte[]? dump))
            {
                throw new HemProtocolException("/api/diag/memdump: dump is not base64");
            }
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllBytes(path, dump);
                host.Out.WriteLine($"wrote {dump.Length} bytes from address {start} to {path}");
            }
            else
            {
                WriteHex(host.Out, start, dump);
            }

            return ExitCodes.Success;
        }, failure => failure.Status == 400
            ? $"ADDRESS must be at least 1 and LENGTH 1-{MaxDump}, both decimal"
            : DiagCommand.Hint(failure)));
        return command;
    }

    /// <summary>16 bytes a line: decimal address, hex bytes.</summary>
    internal static void WriteHex(TextWriter output, long start, ReadOnlySpan<byte> data)
    {
        for (int offset = 0; offset < data.Length; offset += 16)
        {
            ReadOnlySpan<byte> line = data.Slice(offset, Math.Min(16, data.Length - offset));
            output.WriteLine($"{(start + offset).ToString(CultureInfo.InvariantCulture),10}  {Convert.ToHexStringLower(line)}");
        }
    }

    /// <summary>The device takes decimal digits only; refuses anything else before a request is sent.</summary>
    private static string Decimal(string? text, string name) =>
        !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit)
            ? text
            : throw new CliUsageException($"{name} must be decimal digits");
}
