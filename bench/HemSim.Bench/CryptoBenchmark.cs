using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HemSim.Firmware.Api.Crypto;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Device;
using HemSim.Firmware.Keystore;
using HemSim.Firmware.Platform;
using HemSim.Firmware.SelfTest;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace HemSim.Bench;

/// <summary>
/// Cryptographic operations against the raw primitive (issue #5), on the same key and the same input, at three levels:
/// <list type="bullet">
/// <item><b>raw</b>: the library call alone on a key object prepared once, as a caller holding the key would make it
/// (with a fresh random nonce from the OS for GCM, since the operation includes choosing one).</item>
/// <item><b>device core</b>: the firmware's key operation as its handler runs it: the kid parsed and looked up in
/// the key store, the key handle cached with the record (unsealed and expanded once), device randomness from the
/// device's DRBG, the adapter call. Judged: ≥ 80% of raw for ECDSA P-256, Ed25519, ML-DSA-65 sign and AES-256-GCM
/// 1 KiB.</item>
/// <item><b>request</b>: the same operation as a whole API request through the firmware in-process (JSON body,
/// token and scope checks, the core, base64/JSON answer, the audit line to flash; no transport, no HTTP). Reported;
/// what it adds is broken down step by step under the table.</item>
/// </list>
/// The three alternate in short rounds so machine noise hits all; each figure is the median of the rounds.
/// </summary>
internal static class CryptoBenchmark
{
    private const double TargetRatio = 0.80;

    public static bool Run(TextWriter output, bool quick)
    {
        int rounds = quick ? 5 : 15;
        var roundTime = TimeSpan.FromMilliseconds(quick ? 150 : 300);
        string folder = Path.Combine(Path.GetTempPath(), "hemsim-bench", Guid.NewGuid().ToString("N"));
        try
        {
            using DeviceCore core = DeviceCore.Create(new HemDeviceOptions { DataDirectory = folder });
            var login = new BenchLogin(core);
            login.Provision();
            string gen = login.Token("keymgmt:gen");
            using var ecdsa = ECDsa.Create();
            var operations = Operations(core, login, gen, ecdsa);

            output.WriteLine($"Raw primitive, device core and whole request: {rounds} alternating rounds of {roundTime.TotalMilliseconds:F0} ms each; medians");
            output.WriteLine($"{"operation",-30} {"raw ops/s",11} {"core ops/s",11} {"core/raw",9} {"request ops/s",14} {"req/raw",8}  {"raw µs",7} {"core µs",8} {"req µs",7}  judged");
            bool met = true;
            foreach (var op in operations)
            {
                (double raw, double device, double request) = Compare(op, rounds, roundTime);
                double ratio = device / raw;
                string verdict = op.Judged ? (ratio >= TargetRatio ? "met" : "NOT MET") : "";
                output.WriteLine($"{op.Name,-30} {raw,11:N0} {device,11:N0} {ratio,9:P0} {request,14:N0} {request / raw,8:P0}  " +
                    $"{1e6 / raw,7:F1} {1e6 / device,8:F1} {1e6 / request,7:F1}  {verdict}");
                met &= !op.Judged || ratio >= TargetRatio;
            }
            output.WriteLine();
            CryptoOverhead.Print(output, core, gen, quick ? 2000 : 20000);
            output.WriteLine();
            PrintSelfTest(output, quick ? 5 : 21);
            output.WriteLine();
            output.WriteLine($"Target: device core ≥ {TargetRatio:P0} of the raw primitive for the judged operations: {(met ? "met" : "NOT MET")}");
            return met;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The known-answer tests every boot runs (all algorithm families): a boot pays this once.</summary>
    private static void PrintSelfTest(TextWriter output, int runs)
    {
        var samples = new Samples();
        bool passed = true;
        for (int i = 0; i < runs; i++)
        {
            long started = Stopwatch.GetTimestamp();
            passed &= PowerOnSelfTest.Run();
            samples.Add(started, Stopwatch.GetTimestamp());
        }
        output.WriteLine($"Power-on self-test (every family's known answers), {runs} runs in this warm process: " +
            $"median {Samples.Format(samples.Percentile(50))}, best {Samples.Format(samples.Percentile(0))}{(passed ? "" : "  FAILED")}");
    }

    private sealed record Operation(string Name, bool Judged, Action Raw, Action Core, Action Request);

    private static (double Raw, double Core, double Request) Compare(Operation op, int rounds, TimeSpan roundTime)
    {
        // Warm-up: JIT, key handle caches, branch predictors.
        Rate(op.Raw, roundTime);
        Rate(op.Core, roundTime);
        Rate(op.Request, roundTime);
        var raw = new List<double>();
        var core = new List<double>();
        var request = new List<double>();
        for (int i = 0; i < rounds; i++)
        {
            raw.Add(Rate(op.Raw, roundTime));
            core.Add(Rate(op.Core, roundTime));
            request.Add(Rate(op.Request, roundTime));
        }
        return (Median(raw), Median(core), Median(request));
    }

    private static double Rate(Action action, TimeSpan time)
    {
        long started = Stopwatch.GetTimestamp();
        long until = started + (long)(time.TotalSeconds * Stopwatch.Frequency);
        int count = 0;
        long now;
        do
        {
            action();
            count++;
            now = Stopwatch.GetTimestamp();
        }
        while (now < until);
        return count / Stopwatch.GetElapsedTime(started, now).TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static List<Operation> Operations(DeviceCore core, BenchLogin login, string gen, ECDsa ecdsa)
    {
        byte[] message = Encoding.ASCII.GetBytes("HemSim benchmark message: 64 bytes of text to sign, hash, etc.!!");
        byte[] kib = new byte[1024];
        RandomNumberGenerator.Fill(kib);
        string msg = Convert.ToBase64String(message);
        string msgKib = Convert.ToBase64String(kib);

        string p256 = Create(login, gen, "SECP256R1", "ExDSA");
        string ed25519 = Create(login, gen, "ED25519");
        string mldsa = Create(login, gen, "MLDSA65");
        string aes = Create(login, gen, "AES256");
        string hmac = Create(login, gen, "SHA2-256");

        ecdsa.ImportParameters(EcParameters(core, p256));
        var edKey = new Ed25519PrivateKeyParameters(Secret(core, ed25519));
        var mlDsaKey = PqcKeys.MlDsaPrivateKey(KeyType.MlDsa65, Secret(core, mldsa));
        var mlDsaRandom = new SecureRandom();
        var aesKey = new KeyParameter(Secret(core, aes));
        var gcm = new GcmBlockCipher(AesUtilities.CreateEngine());
        byte[] nonce = new byte[16];
        byte[] gcmOut = new byte[kib.Length + 16];
        byte[] hmacKey = Secret(core, hmac);
        byte[] edSignature = new byte[64];

        var keys = core.Keys;
        return
        [
            new("ECDSA P-256 sign (SHA-256)", true,
                () => ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
                () =>
                {
                    var record = Find(keys, p256);
                    keys.TryOpenHandle(record, secret => ExdsaPrivateKey.Open((KeyType)record.KeyType, secret, record.PublicKey), out var key);
                    key.Sign(ExdsaAlgorithm.Sha256WithEcdsa, message, []);
                },
                Call(login, "exdsa/sign", $$"""{"kid":"{{p256}}","msg":"{{msg}}","alg":"SHA256WithECDSA"}""", login.Token("keymgmt:use:" + p256))),
            new("Ed25519 sign", true,
                () => edKey.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, edSignature, 0),
                () =>
                {
                    var record = Find(keys, ed25519);
                    keys.TryOpenHandle(record, secret => ExdsaPrivateKey.Open((KeyType)record.KeyType, secret, record.PublicKey), out var key);
                    key.Sign(ExdsaAlgorithm.Ed25519, message, []);
                },
                Call(login, "exdsa/sign", $$"""{"kid":"{{ed25519}}","msg":"{{msg}}","alg":"Ed25519"}""", login.Token("keymgmt:use:" + ed25519))),
            new("ML-DSA-65 sign", true,
                () =>
                {
                    var signer = new MLDsaSigner(mlDsaKey.Parameters, deterministic: false);
                    signer.Init(true, new ParametersWithRandom(mlDsaKey, mlDsaRandom));
                    signer.BlockUpdate(message, 0, message.Length);
                    signer.GenerateSignature();
                },
                () =>
                {
                    var record = Find(keys, mldsa);
                    keys.TryOpenHandle(record, MlDsa.MlDsa65.OpenPrivateKey, out var key);
                    key.Algorithm.Sign(key, message, [], core.Entropy);
                },
                Call(login, "pqc/mldsa/sign", $$"""{"kid":"{{mldsa}}","msg":"{{msg}}"}""", login.Token("keymgmt:use:" + mldsa))),
            new("AES-256-GCM encrypt 1 KiB", true,
                () =>
                {
                    RandomNumberGenerator.Fill(nonce);
                    gcm.Init(true, new AeadParameters(aesKey, 128, nonce));
                    int n = gcm.ProcessBytes(kib, 0, kib.Length, gcmOut, 0);
                    gcm.DoFinal(gcmOut, n);
                },
                () =>
                {
                    var record = Find(keys, aes);
                    keys.TryOpenHandle(record, AesKey.Open, out var key);
                    key.TryGetCipher(32, out var cipher);
                    byte[] deviceNonce = new byte[AesCipher.NonceSize];
                    core.Entropy.Fill(deviceNonce);
                    cipher.TryEncryptGcm(kib, deviceNonce, null, new byte[kib.Length + AesCipher.TagSize]);
                },
                Call(login, "cipher/encrypt", $$"""{"kid":"{{aes}}","msg":"{{msgKib}}","alg":"AES256-GCM"}""", login.Token("keymgmt:use:" + aes))),
            new("HMAC-SHA-256 (64 bytes)", false,
                () => HMACSHA256.HashData(hmacKey, message),
                () =>
                {
                    var record = Find(keys, hmac);
                    Digest.TryForHmacKey((KeyType)record.KeyType, out var digest);
                    keys.TryOpenHandle(record, CryptoHmacSupport.HmacKey.Open, out var key);
                    digest!.Mac(key.Bytes, message);
                },
                Call(login, "hmac/hash", $$"""{"kid":"{{hmac}}","msg":"{{msg}}"}""", login.Token("keymgmt:use:" + hmac))),
            new("request floor: 406, audited", false,
                () => { },
                () => Find(keys, hmac),
                Call(login, "exdsa/sign", $$"""{"kid":"{{hmac}}","msg":"{{msg}}","alg":"Ed25519"}""", login.Token("keymgmt:use:" + hmac), expected: 406)),
        ];
    }

    /// <summary>What every handler does first: parse the kid as sent and look it up.</summary>
    private static KeySlotRecord Find(KeyStore keys, string kid)
    {
        if (!Kid.TryParse(kid, out var parsed) || !keys.TryFind(parsed!, out var record))
        {
            throw new InvalidOperationException($"No key {kid}.");
        }
        return record;
    }

    private static Action Call(BenchLogin login, string operation, string body, string token, int expected = 200)
    {
        string path = "/api/crypto/" + operation;
        return () =>
        {
            var response = login.Post(path, body, token);
            if (response.Status != expected)
            {
                throw new InvalidOperationException($"{path} answered {response.Status}, expected {expected}.");
            }
        };
    }

    private static string Create(BenchLogin login, string gen, string type, string? mode = null)
    {
        string body = mode is null
            ? $$"""{"label":"bench","type":"{{type}}"}"""
            : $$"""{"label":"bench","type":"{{type}}","mode":"{{mode}}"}""";
        var response = login.Post("/api/keymgmt/create", body, gen);
        if (response.Status != 200)
        {
            throw new InvalidOperationException($"create {type} answered {response.Status}.");
        }
        return JsonNode.Parse(response.Body)!["kid"]!.GetValue<string>();
    }

    /// <summary>The unsealed secret of a device key: the raw side must use exactly the device's key.</summary>
    private static byte[] Secret(DeviceCore core, string kid)
    {
        if (!Kid.TryParse(kid, out var parsed) || !core.Keys.TryFind(parsed!, out var record)
            || !core.Keys.TryOpenSecret(record, out var secret))
        {
            throw new InvalidOperationException($"The device's key {kid} does not open.");
        }
        using (secret)
        {
            return secret!.ToArray();
        }
    }

    private static ECParameters EcParameters(DeviceCore core, string kid) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = Secret(core, kid),
    };
}
