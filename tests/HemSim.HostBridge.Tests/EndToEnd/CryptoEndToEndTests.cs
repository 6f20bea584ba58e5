using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.Cli;
using HemSim.Cli.Input;
using HemSim.HostBridge.Tests.Hosting;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.HostBridge.Tests.EndToEnd;

/// <summary>
/// The thirteen <c>/api/crypto/*</c> endpoints (spec §13) through the real bridge process over HTTPS, each result
/// checked against an independent implementation (.NET, BouncyCastle used directly) in both directions, plus the
/// command-line client's <c>crypto sign</c>/<c>crypto verify</c> against the same bridge.
/// </summary>
/// <remarks>
/// One bridge for the class, started with <c>--pqc-public-keys</c> so that an ML-DSA signature made here can be
/// verified on the device and an ML-KEM secret encapsulated on the device can be decapsulated here (the firmware
/// QUIRK of spec §13.10/§13.13 refuses imported PQC keys otherwise). Failed ML-DSA verification keeps the
/// firmware's 795 (no <c>--strict-mldsa-verify</c>).
/// </remarks>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
public sealed partial class CryptoEndToEndTests
{
    private static readonly Dictionary<string, string> s_tokens = new(StringComparer.Ordinal);
    private static string s_folder = "";
    private static BridgeProcess s_bridge = null!;
    private static PassphraseClient s_client = null!;

    [ClassInitialize]
    public static async Task StartProvisionedBridge(TestContext _)
    {
        s_folder = TestBridge.NewDataFolder();
        s_bridge = await BridgeProcess.StartAsync(s_folder, "--pqc-public-keys");
        var eid = (await s_bridge.GetAsync("/api/auth/init", tls: false)).Json["eid"]!.GetValue<string>();
        s_client = PassphraseClient.Derive(eid);
        (await s_client.ProvisionAsync(s_bridge)).Status.Should().Be(200, "provisioning must succeed before any crypto test");
    }

    [ClassCleanup]
    public static async Task StopBridge()
    {
        s_client?.Dispose();
        if (s_bridge is not null)
        {
            await s_bridge.DisposeAsync();
        }
        if (Directory.Exists(s_folder))
        {
            Directory.Delete(s_folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task Crypto_needs_the_exact_key_use_scope_a_user_token_and_https()
    {
        // Arrange
        var kid = await CreateAsync("ED25519", "E2E access");
        var other = await CreateAsync("ED25519", "E2E access other");
        var hmacKey = await CreateAsync("SHA2-256", "E2E access hmac");
        var body = new { kid, msg = B64("access"), alg = "Ed25519" };

        // Act
        var otherKid = await s_bridge.PostAsync("/api/crypto/exdsa/sign", body, await TokenAsync("keymgmt:use:" + other));
        var admin = await s_bridge.PostAsync("/api/crypto/exdsa/sign", body, await s_client.TokenAsync(s_bridge, "keymgmt:use:" + kid, admin: true));
        var plainSign = await UseAsync("exdsa/sign", kid, body, tls: false);
        var plainHmac = await UseAsync("hmac/hash", hmacKey, new { kid = hmacKey, msg = B64("access") }, tls: false);

        // Assert
        otherKid.Status.Should().Be(403, "the scope must be exactly keymgmt:use:<body kid> (spec §5.4)");
        admin.Status.Should().Be(403, "role M cannot use keys (spec §13)");
        plainSign.Status.Should().Be(418);
        plainHmac.Status.Should().Be(409, "QUIRK spec §3.4: hmac/hash folds 'no TLS' into its state check");
        (await UseAsync("exdsa/sign", kid, body)).Status.Should().Be(200);
    }

    [TestMethod]
    public async Task Cli_crypto_sign_then_verify_round_trips_through_the_bridge()
    {
        // Arrange: a device key; the CLI logs in by itself with the user passphrase from its environment.
        var kid = await CreateAsync("ED25519", "E2E cli sign");
        var publicKey = await PublicKeyAsync(kid);
        const string message = "signed by hemsim crypto sign";

        // Act
        var sign = await RunCliAsync("crypto", "sign", kid, "--alg", "Ed25519", "--msg", message);
        var signature = sign.Out.Trim();
        var verify = await RunCliAsync("crypto", "verify", kid, "--alg", "Ed25519", "--msg", message, "--signature", signature);
        var tampered = await RunCliAsync("crypto", "verify", kid, "--alg", "Ed25519", "--msg", message + "!", "--signature", signature,
            "--token", await TokenAsync("keymgmt:use:" + kid));

        // Assert
        sign.Exit.Should().Be(0, sign.Error);
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        var bytes = Encoding.UTF8.GetBytes(message);
        verifier.BlockUpdate(bytes, 0, bytes.Length);
        verifier.VerifySignature(Convert.FromBase64String(signature)).Should().BeTrue("BouncyCastle must accept the device's signature");
        verify.Exit.Should().Be(0, verify.Error);
        verify.Out.Should().Be("valid\n");
        tampered.Exit.Should().Be(1);
        tampered.Out.Should().Be("invalid (406): the signature does not verify\n");
    }

    /// <summary>One login per scope (each login takes at least 500 ms, spec §5.6).</summary>
    private static async Task<string> TokenAsync(string scope)
    {
        if (!s_tokens.TryGetValue(scope, out var token))
        {
            token = await s_client.TokenAsync(s_bridge, scope);
            s_tokens[scope] = token;
        }
        return token;
    }

    /// <summary>POST /api/crypto/<paramref name="endpoint"/> with a <c>keymgmt:use:&lt;kid&gt;</c> token.</summary>
    private static async Task<BridgeProcess.Reply> UseAsync(string endpoint, string kid, object body, bool tls = true) =>
        await s_bridge.PostAsync("/api/crypto/" + endpoint, body, await TokenAsync("keymgmt:use:" + kid), tls);

    private static async Task<string> CreateAsync(string type, string label, string? mode = null)
    {
        object body = mode is null ? new { label, type } : new { label, type, mode };
        var reply = await s_bridge.PostAsync("/api/keymgmt/create", body, await TokenAsync("keymgmt:gen"));
        reply.Status.Should().Be(200, $"creating a {type} key must work");
        return reply.Json["kid"]!.GetValue<string>();
    }

    private static async Task<string> ImportAsync(string type, string label, byte[] publicKey, string? mode = null)
    {
        var pubkey = Convert.ToBase64String(publicKey);
        object body = mode is null ? new { label, type, pubkey } : new { label, type, pubkey, mode };
        var reply = await s_bridge.PostAsync("/api/keymgmt/import", body, await TokenAsync("keymgmt:imp"));
        reply.Status.Should().Be(200, $"importing a {type} key must work");
        return reply.Json["kid"]!.GetValue<string>();
    }

    /// <summary>The key's public half as <c>keymgmt/get</c> returns it (spec §17.5 encoding).</summary>
    private static async Task<byte[]> PublicKeyAsync(string kid)
    {
        var reply = await s_bridge.GetAsync("/api/keymgmt/get/" + kid, await TokenAsync("keymgmt:get"));
        reply.Status.Should().Be(200);
        return Convert.FromBase64String(reply.Json["pubkey"]!.GetValue<string>());
    }

    /// <summary>The base64 member <paramref name="name"/> of a 200 answer.</summary>
    private static byte[] Bytes(BridgeProcess.Reply reply, string name)
    {
        reply.Status.Should().Be(200, $"the device must answer {name}");
        return Convert.FromBase64String(reply.Json[name]!.GetValue<string>());
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    /// <summary>A P-256 point from its SEC1 compressed form (spec §17.5), decompressed by BouncyCastle.</summary>
    private static ECParameters P256Public(byte[] compressed)
    {
        X9ECParameters curve = Org.BouncyCastle.Asn1.Nist.NistNamedCurves.GetByName("P-256");
        var point = curve.Curve.DecodePoint(compressed).Normalize();
        return new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point.AffineXCoord.GetEncoded(), Y = point.AffineYCoord.GetEncoded() },
        };
    }

    /// <summary>SEC1 §2.3.3 point compression of a .NET public key.</summary>
    private static byte[] Compress(ECParameters parameters) => [(byte)(0x02 | (parameters.Q.Y![^1] & 1)), .. parameters.Q.X!];

    /// <summary>Runs <c>hemsim</c> in-process against the bridge, trusting its CA, with the user passphrase in its environment.</summary>
    private static async Task<(int Exit, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var host = new CliHost(stdout, stderr, new SystemConsoleInput(),
            name => name == "HEMSIM_USER_PASSPHRASE" ? PassphraseClient.UserPassphrase : null, TimeProvider.System);
        var exit = await Program.RunAsync([.. args, "--url", s_bridge.Https.ToString(), "--ca", Path.Combine(s_folder, "ca.pem")], host);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
