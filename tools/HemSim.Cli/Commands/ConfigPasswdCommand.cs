using System.CommandLine;
using System.Security.Cryptography;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim config passwd</c>: changes the user passphrase by user-key rotation (spec §11.6.1). The current passphrase
/// logs in (unless <c>--token</c> is given); the new one comes from <c>HEMSIM_NEW_USER_PASSPHRASE</c>, the next line of
/// standard input with <c>--passphrase-stdin</c>, or a prompt typed twice. It is read before the configuration, whose
/// rotation nonce lives 60 s.
/// </summary>
internal static class ConfigPasswdCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var auth = new BearerTokenOptions(ConfigCommand.Scope);
        var command = new Command(
            "passwd",
            $"Change the user passphrase (current: {EnvironmentVariables.UserPassphrase}, new: {EnvironmentVariables.NewUserPassphrase}; or stdin lines, or prompts)");
        auth.AddTo(command);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            string bearer = await auth.ResolveAsync(parse, client, host, cancellationToken).ConfigureAwait(false);
            using Passphrase next = new PassphraseSource(host, parse.GetValue(auth.PassphraseStdin)).Read(PassphraseRole.NewUser, confirm: true);

            HemResponse config = await client.GetAsync("/api/system/config", bearer, cancellationToken).ConfigureAwait(false);
            byte[] body = ConfigRotationProof.CreateBody(
                next, config.RequiredString("eid"), config.RequiredString("spk"), config.RequiredString("nonce"));
            HemResponse reply = await client.PostJsonAsync("/api/system/config", body, bearer, cancellationToken).ConfigureAwait(false);
            if (global.JsonOutput(parse))
            {
                host.Out.WriteLine(reply.Text);
            }
            else
            {
                host.Out.WriteLine("user passphrase changed: log in with the new one from now on");
            }

            return ExitCodes.Success;
        }, ConfigCommand.Hint(
            on400: "the device refused the rotation request as malformed",
            on406: "the device refused the proof: the nonce expired or was used, or the new passphrase is the admin passphrase")));
        return command;
    }
}

/// <summary>The client side of spec §11.6.1, written the way [M] does it.</summary>
internal static class ConfigRotationProof
{
    /// <summary>
    /// <c>seed' = PBKDF2(new, salt = eid text)</c>, <c>pub' = X25519(seed', 9)</c>,
    /// <c>userkey_hmac = b64(HMAC-SHA256(X25519(seed', spk), b64decode(nonce)))</c>; returns the POST body
    /// <c>{"userkey","userkey_nonce","userkey_hmac"}</c>.
    /// </summary>
    public static byte[] CreateBody(Passphrase next, string eid, string spk, string nonce)
    {
        if (!Base64Text.TryDecodeAny(nonce, out byte[]? nonceBytes) || !Base64Text.TryDecodeAny(spk, out byte[]? spkBytes))
        {
            throw new HemProtocolException("the configuration's nonce or spk is not base64");
        }

        using ClientKeyPair keys = PassphraseKeyDerivation.Derive(next.Chars, eid);
        byte[] secret = keys.AgreeWith(spkBytes);
        try
        {
            string hmac = Convert.ToBase64String(HMACSHA256.HashData(secret, nonceBytes));
            return CompactJson.Write(writer =>
            {
                writer.WriteString("userkey", keys.PublicKeyBase64);
                writer.WriteString("userkey_nonce", nonce);
                writer.WriteString("userkey_hmac", hmac);
            });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
