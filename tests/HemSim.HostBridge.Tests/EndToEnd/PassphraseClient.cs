using System.Security.Cryptography;
using HemSim.Cli.Auth;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The client side of provisioning and login (spec §6.1, §7.1) with the command-line client's own code,
/// so the end-to-end tests exercise the algorithm users run. The passphrase-derived keys depend only on
/// the passphrase and <c>eid</c>, so a test class derives them once (PBKDF2 with 600,000 rounds is slow).
/// </summary>
internal sealed class PassphraseClient : IDisposable
{
    public const string UserPassphrase = "end-to-end user passphrase";
    public const string AdminPassphrase = "end-to-end admin passphrase";

    private PassphraseClient(string eid, ClientKeyPair user, ClientKeyPair admin)
    {
        Eid = eid;
        User = user;
        Admin = admin;
    }

    public string Eid { get; }
    public ClientKeyPair User { get; }
    public ClientKeyPair Admin { get; }

    public static PassphraseClient Derive(string eid) =>
        new(eid, PassphraseKeyDerivation.Derive(UserPassphrase, eid), PassphraseKeyDerivation.Derive(AdminPassphrase, eid));

    /// <summary>GET then POST /api/auth/init over plain HTTP, as [T] and the dashboard do.</summary>
    public async Task<BridgeProcess.Reply> ProvisionAsync(IBridgeEndpoint bridge)
    {
        var challenge = (await bridge.GetAsync("/api/auth/init", tls: false)).Json;
        var spk = challenge["spk"]!.GetValue<string>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var cfg = new InitConfig(Admin.PublicKeyBase64, User.PublicKeyBase64, "E2E user", "", "my.ence.do", "*",
            TrustedTs: false, TrustedBackend: false, AllowKeysearch: false, "192.168.7.1", 81, 8388608, Dnsd: false);
        var hmacKey = Admin.AgreeWith(Convert.FromBase64String(spk));
        var init = EjwtBuilder.CreateInitToken(
            new InitClaims(challenge["jti"]!.GetValue<string>(), spk, challenge["exp"]!.GetValue<long>(), now, Admin.PublicKeyBase64, cfg), hmacKey);
        CryptographicOperations.ZeroMemory(hmacKey);
        return await bridge.PostAsync("/api/auth/init", new { init }, tls: false);
    }

    /// <summary>The §6.1 login over plain HTTP (allowed for auth endpoints); returns the whole reply.</summary>
    public async Task<BridgeProcess.Reply> LoginAsync(IBridgeEndpoint bridge, string scope, bool admin = false, bool tls = false)
    {
        var keys = admin ? Admin : User;
        var challenge = (await bridge.GetAsync("/api/auth/token", tls: tls)).Json;
        var spk = challenge["spk"]!.GetValue<string>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var hmacKey = keys.AgreeWith(Convert.FromBase64String(spk));
        var auth = EjwtBuilder.CreateLoginProof(
            new LoginClaims(challenge["jti"]!.GetValue<string>(), spk, now + 3600, now, keys.PublicKeyBase64, scope), hmacKey,
            EjwtHeaderOrder.AlgFirst);
        CryptographicOperations.ZeroMemory(hmacKey);
        return await bridge.PostAsync("/api/auth/token", new { auth }, tls: tls);
    }

    public async Task<string> TokenAsync(IBridgeEndpoint bridge, string scope, bool admin = false)
    {
        var reply = await LoginAsync(bridge, scope, admin);
        if (reply.Status != 200)
        {
            throw new InvalidOperationException($"Login for '{scope}' answered {reply.Status}.");
        }
        return reply.Json["token"]!.GetValue<string>();
    }

    public void Dispose()
    {
        User.Dispose();
        Admin.Dispose();
    }
}
