using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using HemSim.Cli.Auth;
using HemSim.Cli.Http;
using HemSim.Cli.Input;
using HemSim.Cli.Text;

namespace HemSim.Cli.Commands;

/// <summary>
/// <c>hemsim init</c>: provisions a factory-fresh device (spec §7.1 steps 3–6). Both passphrases are read before
/// the first request, because the init challenge expires 60 s after it is issued.
/// </summary>
internal static class InitCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var user = new Option<string>("--user") { Description = "Display name of the user (cfg user)", DefaultValueFactory = _ => "HemSim user" };
        var email = new Option<string>("--email") { Description = "Contact e-mail (cfg email)", DefaultValueFactory = _ => "" };
        var hostname = new Option<string>("--hostname") { Description = "Device host name (cfg hostname)", DefaultValueFactory = _ => "my.ence.do" };
        var origin = new Option<string>("--origin") { Description = "CORS allow-list (cfg origin)", DefaultValueFactory = _ => "*" };
        var trustedTs = new Option<bool>("--trusted-ts") { Description = "Trust the backend's time (cfg trusted_ts)" };
        var trustedBackend = new Option<bool>("--trusted-backend") { Description = "Let the backend run management actions (cfg trusted_backend)" };
        var allowKeysearch = new Option<bool>("--allow-keysearch") { Description = "Allow anonymous prefix key search (cfg allow_keysearch)" };
        var ip = new Option<string>("--ip") { Description = "Device address, CIDR (cfg ip)", DefaultValueFactory = _ => "192.168.7.1/24" };
        var storageMode = new Option<int>("--storage-mode") { Description = "Storage mode (cfg storage_mode)", DefaultValueFactory = _ => 81 };
        var storageDisk0Size = new Option<long>("--storage-disk0size") { Description = "Disk 0 size in 512-byte sectors (cfg storage_disk0size)", DefaultValueFactory = _ => 8388608 };
        var dnsd = new Option<bool>("--dnsd") { Description = "Run the on-device DNS server (cfg dnsd)" };
        var passphraseStdin = new Option<bool>("--passphrase-stdin") { Description = "Read the user then the admin passphrase from standard input lines" };

        var command = new Command(
            "init",
            $"Provision the device with a user and an admin passphrase ({EnvironmentVariables.UserPassphrase}, {EnvironmentVariables.AdminPassphrase}, stdin or prompt)")
        {
            user, email, hostname, origin, trustedTs, trustedBackend, allowKeysearch, ip, storageMode, storageDisk0Size, dnsd, passphraseStdin,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(host, async () =>
        {
            using HemClient client = global.CreateClient(parse, host);
            var source = new PassphraseSource(host, parse.GetValue(passphraseStdin));
            using Passphrase userPassphrase = source.Read(PassphraseRole.User, confirm: true);
            using Passphrase adminPassphrase = source.Read(PassphraseRole.Admin, confirm: true);
            if (userPassphrase.SameAs(adminPassphrase))
            {
                // Equal passphrases give equal keys, and the device could never tell the admin from the user.
                throw new CliUsageException("the admin passphrase must differ from the user passphrase");
            }

            HemResponse challengeResponse = await client.GetAsync("/api/auth/init", bearerToken: null, cancellationToken).ConfigureAwait(false);
            AuthChallenge challenge = AuthChallenge.Parse(challengeResponse);

            string init;
            using (ClientKeyPair userKeys = PassphraseKeyDerivation.Derive(userPassphrase.Chars, challenge.Eid))
            using (ClientKeyPair masterKeys = PassphraseKeyDerivation.Derive(adminPassphrase.Chars, challenge.Eid))
            {
                var cfg = new InitConfig(
                    MasterKey: masterKeys.PublicKeyBase64,
                    UserKey: userKeys.PublicKeyBase64,
                    User: parse.GetValue(user) ?? "",
                    Email: parse.GetValue(email) ?? "",
                    Hostname: parse.GetValue(hostname) ?? "",
                    Origin: parse.GetValue(origin) ?? "",
                    TrustedTs: parse.GetValue(trustedTs),
                    TrustedBackend: parse.GetValue(trustedBackend),
                    AllowKeysearch: parse.GetValue(allowKeysearch),
                    Ip: parse.GetValue(ip) ?? "",
                    StorageMode: parse.GetValue(storageMode),
                    StorageDisk0Size: parse.GetValue(storageDisk0Size),
                    Dnsd: parse.GetValue(dnsd));
                long now = host.Clock.GetUtcNow().ToUnixTimeSeconds();
                var claims = new InitClaims(challenge.Jti, challenge.Spk, challenge.Exp, now, masterKeys.PublicKeyBase64, cfg);

                // Spec §7.1 step 5: signed with the master key, HMAC key X25519(master_priv, spk).
                byte[] hmacKey = masterKeys.AgreeWith(challenge.SessionPublicKey());
                try
                {
                    init = EjwtBuilder.CreateInitToken(claims, hmacKey);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(hmacKey);
                }
            }

            byte[] body = CompactJson.Write(writer => writer.WriteString("init", init));
            HemResponse reply = await client.PostJsonAsync("/api/auth/init", body, bearerToken: null, cancellationToken).ConfigureAwait(false);
            string instanceId = reply.RequiredString("instanceid");
            if (global.JsonOutput(parse))
            {
                // The answer carries a bearer token (system:config, 8 h); it is never printed.
                host.Out.WriteLine(CompactJson.Redact(reply.Json, "token"));
                return ExitCodes.Success;
            }

            host.Out.WriteLine($"instanceid: {instanceId}");
            if (reply.Json.TryGetProperty("reboot_required", out JsonElement reboot) && reboot.ValueKind == JsonValueKind.True)
            {
                host.Out.WriteLine("reboot required: the new network/storage settings apply after a reboot");
            }

            return ExitCodes.Success;
        }, Hint));
        return command;
    }

    private static string? Hint(HemStatusException failure) => (failure.Path, failure.Status) switch
    {
        (_, 403) => "provisioning needs the device clock: check in first (the RTC is unset)",
        (_, 406) => "the device is already initialised",
        ("/api/auth/init", 401) when failure.Method == "POST" => "the device rejected the init token (challenge expired or replayed?)",
        _ => null,
    };
}
