using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using HemSim.TestKit;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace HemSim.Firmware.Tests.Api.KeyMgmt;

/// <summary>
/// POST /api/keymgmt/derive (spec §12.10, §18.3): every target from every ECDH source, recomputed here from the
/// peer's side with independent code (.NET ECDH, BouncyCastle X25519/X448, .NET HKDF).
/// </summary>
[TestClass]
public sealed partial class KeyMgmtDeriveTests
{
    private static readonly SecureRandom s_random = new();

    /// <summary>The 17 derivable targets and their secret sizes (spec §17.1), written out here, not taken from the firmware.</summary>
    internal static readonly IReadOnlyDictionary<string, int> Targets = new Dictionary<string, int>
    {
        ["SECP256R1"] = 32, ["SECP384R1"] = 48, ["SECP521R1"] = 66, ["SECP256K1"] = 32,
        ["CURVE25519"] = 32, ["CURVE448"] = 56, ["ED25519"] = 32, ["ED448"] = 57,
        ["SHA2-256"] = 32, ["SHA2-384"] = 48, ["SHA2-512"] = 64, ["SHA3-256"] = 32, ["SHA3-384"] = 48, ["SHA3-512"] = 64,
        ["AES128"] = 16, ["AES192"] = 24, ["AES256"] = 32,
    };

    /// <summary>A peer key pair made here: its public key for the device, and ECDH computed on the peer's side.</summary>
    internal sealed class Peer : IDisposable
    {
        private readonly Func<byte[], byte[]> _agree;
        private readonly IDisposable? _owned;

        private Peer(byte[] publicKey, Func<byte[], byte[]> agree, IDisposable? owned = null)
        {
            PublicKey = publicKey;
            _agree = agree;
            _owned = owned;
        }

        public byte[] PublicKey { get; }

        /// <summary>ss with the device's public key (§17.5 encoding), computed from the peer's private key.</summary>
        public byte[] Agree(byte[] devicePublicKey) => _agree(devicePublicKey);

        public static Peer Create(string curve)
        {
            switch (curve)
            {
                case "CURVE25519":
                {
                    var key = new X25519PrivateKeyParameters(s_random);
                    return new Peer(key.GeneratePublicKey().GetEncoded(), device =>
                    {
                        var shared = new byte[32];
                        key.GenerateSecret(new X25519PublicKeyParameters(device), shared, 0);
                        return shared;
                    });
                }
                case "CURVE448":
                {
                    var key = new X448PrivateKeyParameters(s_random);
                    return new Peer(key.GeneratePublicKey().GetEncoded(), device =>
                    {
                        var shared = new byte[56];
                        key.GenerateSecret(new X448PublicKeyParameters(device), shared, 0);
                        return shared;
                    });
                }
                default:
                {
                    var ecCurve = DotNetCurve(curve);
                    var key = ECDiffieHellman.Create(ecCurve);
                    var q = key.ExportParameters(false).Q;
                    byte[] compressed = [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
                    return new Peer(compressed, device =>
                    {
                        using var other = ECDiffieHellman.Create(new ECParameters { Curve = ecCurve, Q = Decompress(curve, device) });
                        return key.DeriveRawSecretAgreement(other.PublicKey);
                    }, key);
                }
            }
        }

        public void Dispose() => _owned?.Dispose();
    }

    internal static ECCurve DotNetCurve(string type) => type switch
    {
        "SECP256R1" => ECCurve.NamedCurves.nistP256,
        "SECP384R1" => ECCurve.NamedCurves.nistP384,
        "SECP521R1" => ECCurve.NamedCurves.nistP521,
        "SECP256K1" => ECCurve.CreateFromFriendlyName("secp256k1"),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static X9ECParameters Domain(string type) => ECNamedCurveTable.GetByName(type.ToLowerInvariant());

    /// <summary>SEC 1 §2.3.4 decompression with BouncyCastle, done here for .NET, which takes X and Y.</summary>
    private static ECPoint Decompress(string type, byte[] compressed)
    {
        var point = Domain(type).Curve.DecodePoint(compressed).Normalize();
        var size = Targets[type];
        return new ECPoint
        {
            X = PadLeft(point.AffineXCoord.ToBigInteger().ToByteArrayUnsigned(), size),
            Y = PadLeft(point.AffineYCoord.ToBigInteger().ToByteArrayUnsigned(), size),
        };
    }

    private static byte[] PadLeft(byte[] bytes, int size) =>
        bytes.Length >= size ? bytes : [.. new byte[size - bytes.Length], .. bytes];

    /// <summary>okm = HKDF-SHA256(ss, no salt, "encedo-" + type, L) with .NET's HKDF (spec §18.3).</summary>
    internal static byte[] Okm(byte[] shared, string target) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, Targets[target], salt: [], info: Encoding.ASCII.GetBytes("encedo-" + target));

    /// <summary>
    /// The key the device must build from <paramref name="okm"/>: its kid (§22 #13) and public key, or null
    /// when a SECP scalar falls outside [1, n−1] (406).
    /// </summary>
    internal static (string Kid, byte[]? PublicKey)? Expected(string target, byte[] okm)
    {
        byte[]? publicKey = target switch
        {
            "SECP256R1" or "SECP384R1" or "SECP521R1" or "SECP256K1" => SecpPublicKey(target, okm),
            "CURVE25519" => new X25519PrivateKeyParameters(okm).GeneratePublicKey().GetEncoded(),
            "CURVE448" => new X448PrivateKeyParameters(okm).GeneratePublicKey().GetEncoded(),
            "ED25519" => new Ed25519PrivateKeyParameters(okm).GeneratePublicKey().GetEncoded(),
            "ED448" => new Ed448PrivateKeyParameters(okm).GeneratePublicKey().GetEncoded(),
            _ => [],
        };
        if (publicKey is null)
        {
            return null;
        }
        return publicKey.Length == 0 ? (KeyWriteRig.Sha1Kid(okm), null) : (KeyWriteRig.Sha1Kid(publicKey), publicKey);
    }

    private static byte[]? SecpPublicKey(string target, byte[] okm)
    {
        var domain = Domain(target);
        var d = new BcBigInteger(1, okm);
        if (d.SignValue == 0 || d.CompareTo(domain.N) >= 0)
        {
            return null;
        }
        return domain.G.Multiply(d).Normalize().GetEncoded(true);
    }

    internal static string ExpectedAttributes(string target) => target switch
    {
        "SECP256R1" or "SECP384R1" or "SECP521R1" or "SECP256K1" or "CURVE25519" or "CURVE448" => "PKEY,ECDH," + target,
        "ED25519" or "ED448" => "PKEY,ExDSA," + target,
        _ => "PKEY," + target,
    };

    /// <summary>Creates an ECDH source key on the device (SECP with mode <c>ECDH,ExDSA</c>, as [T] does).</summary>
    internal static string CreateSource(KeyWriteRig rig, string curve) =>
        rig.Create(curve, label: "source " + curve, mode: curve.StartsWith("SECP", StringComparison.Ordinal) ? "ECDH,ExDSA" : null);

    [TestMethod]
    [DataRow("CURVE25519")]
    [DataRow("CURVE448")]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Derive_of_every_target_equals_ecdh_and_hkdf_computed_on_the_peer_side(string curve)
    {
        // Arrange
        using var rig = new KeyWriteRig();
        var source = CreateSource(rig, curve);
        using var peer = Peer.Create(curve);
        var shared = peer.Agree(rig.PublicKey(source));
        shared.Should().HaveCount(curve switch { "CURVE448" => 56, "SECP384R1" => 48, "SECP521R1" => 66, _ => 32 });

        foreach (var target in Targets.Keys)
        {
            var okm = Okm(shared, target);
            var expected = Expected(target, okm);

            // Act
            var response = rig.Derive(new { kid = source, pubkey = Convert.ToBase64String(peer.PublicKey), label = "derived " + target, type = target });

            // Assert
            if (expected is null)
            {
                response.Status.Should().Be(406, $"{target}: the HKDF output is not a scalar in [1, n-1]");
                continue;
            }
            var kid = KeyWriteRig.KidOf(response);
            kid.Should().Be(expected.Value.Kid, target);
            var record = rig.Record(kid);
            KeyWriteRig.Attributes(record).Should().Be(ExpectedAttributes(target));
            record.PublicKey.Should().Equal(expected.Value.PublicKey ?? [], target);
            rig.Secret(kid).Should().Equal(okm, target);
            record.Label.Should().Be("derived " + target);
        }
    }

    [TestMethod]
    public void Derive_of_a_secp521r1_key_succeeds_when_the_hkdf_output_is_below_n()
    {
        // Arrange: 66 bytes of HKDF output are below n only about once in 128 peers; find such a peer here.
        using var rig = new KeyWriteRig();
        var source = CreateSource(rig, "CURVE25519");
        var devicePublic = rig.PublicKey(source);
        Peer peer;
        (string Kid, byte[]? PublicKey)? expected;
        do
        {
            peer = Peer.Create("CURVE25519");
            expected = Expected("SECP521R1", Okm(peer.Agree(devicePublic), "SECP521R1"));
        }
        while (expected is null);

        // Act
        var response = rig.Derive(new { kid = source, pubkey = Convert.ToBase64String(peer.PublicKey), label = "p521", type = "SECP521R1", mode = "ExDSA" });

        // Assert
        var kid = KeyWriteRig.KidOf(response);
        kid.Should().Be(expected.Value.Kid);
        rig.Record(kid).PublicKey.Should().Equal(expected.Value.PublicKey);
        KeyWriteRig.Attributes(rig.Record(kid)).Should().Be("PKEY,ExDSA,SECP521R1");
    }

    [TestMethod]
    public void Derive_answers_406_when_the_secp_scalar_is_out_of_range_and_logs_an_error_with_the_source_kid()
    {
        // Arrange: a peer whose HKDF output for SECP521R1 is at or above n (most are).
        using var rig = new KeyWriteRig();
        var source = CreateSource(rig, "CURVE25519");
        var devicePublic = rig.PublicKey(source);
        Peer peer;
        do
        {
            peer = Peer.Create("CURVE25519");
        }
        while (Expected("SECP521R1", Okm(peer.Agree(devicePublic), "SECP521R1")) is not null);
        var before = rig.Snapshot();

        // Act
        var response = rig.Derive(new { kid = source, pubkey = Convert.ToBase64String(peer.PublicKey), label = "p521", type = "SECP521R1" });

        // Assert: "derive can fail without being an error" (§12.10); [D] logs ERROR for 406.
        response.Status.Should().Be(406);
        response.Body.Should().BeEmpty();
        rig.ShouldOnlyHaveLogged(before, KeyWriteRig.KeyDerive, KeyWriteRig.Error, Convert.FromHexString(source));
    }
}
