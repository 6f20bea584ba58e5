using System.CommandLine;
using HemSim.Cli.Http;
using HemSim.Cli.Logs;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim logs key</c>: <c>GET /api/logger/key</c> (spec §15.1). Prints the logger's public key and checks, here,
/// that the device's signature of its fresh nonce verifies with it; a signature that does not verify fails the command.
/// </summary>
internal static class LogsKeyCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(LogsCommand.Scope);
        var command = new Command("key", "Show the audit-log signing key (Ed25519) and check the device's signed nonce");
        auth.AddTo(command);

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            HemResponse reply = await client.GetAsync(LoggerKeyAnswer.Path, bearer, cancellationToken).ConfigureAwait(false);
            LoggerKeyAnswer answer = LoggerKeyAnswer.Parse(reply);
            bool verifies = answer.NonceSignatureVerifies;
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
            }
            else
            {
                host.Out.WriteLine($"key:   {Base64Text.Encode(answer.Key)}");
                host.Out.WriteLine($"nonce: {Base64Text.Encode(answer.Nonce)}");
                host.Out.WriteLine(verifies
                    ? "nonce_signed: valid (Ed25519 signature of the nonce under this key, checked locally)"
                    : "nonce_signed: INVALID");
            }

            if (!verifies)
            {
                host.Error.WriteLine("error: the device's nonce signature does not verify with this key: do not trust it");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }, LogsCommand.Hints()));
        return command;
    }
}
