using System.CommandLine;
using System.Text;
using HemSim.Cli.Http;
using HemSim.Cli.Logs;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim logs verify FILE</c>: checks a downloaded audit-log file (spec §19.4) with <see cref="LogVerifier"/>. The
/// logger key comes from <c>--key</c>, or else from the device (<c>GET /api/logger/key</c>, accepted only when its
/// nonce signature verifies). Exit code 0 when the file verifies, 1 when it does not, naming the first bad line.
/// </summary>
internal static class LogsVerifyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "The log file, as `hemsim logs get ID --out FILE` stored it" };
        var key = new Option<string?>("--key")
        {
            Description = "The logger's Ed25519 public key (base64, as `hemsim logs key` prints it); without it the key is fetched from the device",
            HelpName = "B64",
        };
        var auth = new BearerTokenOptions(LogsCommand.Scope);

        var command = new Command("verify", "Check a log file's signed key and MAC chain; names the first line that does not verify") { file, key };
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            string path = parse.GetValue(file) ?? "";
            byte[] content = Read(path);
            byte[] loggerKey = parse.GetValue(key) is { } given
                ? DecodeKey(given)
                : await FetchKeyAsync(parse, global, auth, host, cancellationToken).ConfigureAwait(false);

            LogVerification result = LogVerifier.Verify(content, loggerKey);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(Json(result));
            }
            else if (result.Verified)
            {
                host.Out.WriteLine($"{path}: verified, {result.Records} records, {result.KeyInits} signed key(s) (logger key {Base64Text.Encode(loggerKey)})");
            }
            else
            {
                host.Out.WriteLine($"{path}: does NOT verify: line {result.Line}: {result.Reason}");
            }

            return result.Verified ? ExitCodes.Success : ExitCodes.Failure;
        }, LogsCommand.Hints()));
        return command;
    }

    private static async Task<byte[]> FetchKeyAsync(
        ParseResult parse, GlobalOptions global, BearerTokenOptions auth, CliHost host, CancellationToken cancellationToken)
    {
        using HemClient client = global.CreateClient(parse, host);
        string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
        return (await LoggerKeyAnswer.FetchVerifiedAsync(client, bearer, cancellationToken).ConfigureAwait(false)).Key;
    }

    private static byte[] DecodeKey(string text) =>
        Base64Text.TryDecodeAny(text, out byte[]? bytes) && bytes.Length == LogVerifier.KeySize
            ? bytes
            : throw new CliUsageException($"--key must be {LogVerifier.KeySize} bytes in base64 (the `key` of `hemsim logs key`)");

    private static byte[] Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot read '{path}': {ex.Message}");
        }
    }

    private static string Json(LogVerification result) => Encoding.UTF8.GetString(CompactJson.Write(writer =>
    {
        writer.WriteBoolean("verified", result.Verified);
        if (!result.Verified)
        {
            writer.WriteNumber("line", result.Line);
            writer.WriteString("reason", result.Reason);
        }

        writer.WriteNumber("records", result.Records);
        writer.WriteNumber("key_inits", result.KeyInits);
    }));
}
