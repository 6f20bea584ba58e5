using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// SECP ECDH through .NET (the platform path of issue #5) and its BouncyCastle fallback: NIST CAVP vectors, the
/// two paths against each other, and the prepared-key object the keystore caches.
/// </summary>
public sealed partial class EcdhSecpTests
{
    [TestMethod]
    // NIST CAVS 14.1 "ECC CDH Primitive (SP800-56A Section 5.7.1.2)" KAS_ECC_CDH_PrimitiveTest.txt, [P-256] COUNT = 0 and 1:
    // QCAVSx, QCAVSy (the peer), dIUT (our scalar), ZIUT (the shared x-coordinate).
    [DataRow(
        "700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287",
        "db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac",
        "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
        "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b")]
    [DataRow(
        "809f04289c64348c01515eb03d5ce7ac1a8cb9498f5caa50197e58d43a86a7ae",
        "b29d84e811197f25eba8f5194092cb6ff440e26d4421011372461f579271cda3",
        "38f65d6dce47676044d58ce5139582d568f64bb16098d179dbab07741dd5caf5",
        "057d636096cb80b67a8c038c890e887d1adfa4195e9b3ce241c8a778c59cda67")]
    public void Agree_matches_the_nist_cavp_p256_cdh_vectors_on_both_paths(string qx, string qy, string d, string z)
    {
        // Arrange: the device takes compressed points (§17.5); compress the CAVS point by the parity of y.
        var y = Convert.FromHexString(qy);
        byte[] peer = [(byte)(0x02 | (y[^1] & 1)), .. Convert.FromHexString(qx)];
        var scalar = Convert.FromHexString(d);
        using var platform = EcdhSecp.Open(KeyType.Secp256r1, scalar);
        using var managed = EcdhSecp.OpenManaged(KeyType.Secp256r1, scalar);

        // Act
        var agreed = platform.TryAgree(peer, out var shared);
        var agreedManaged = managed.TryAgree(peer, out var sharedManaged);

        // Assert
        agreed.Should().BeTrue();
        Convert.ToHexStringLower(shared).Should().Be(z);
        agreedManaged.Should().BeTrue();
        Convert.ToHexStringLower(sharedManaged).Should().Be(z);
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Platform_and_bouncycastle_paths_agree_and_a_prepared_key_is_reusable(string name)
    {
        KeyTypes.TryParse(name, out var type).Should().BeTrue();
        using var device = ECDiffieHellman.Create(CurveOf(type));
        var scalar = device.ExportParameters(true).D!;
        using var platform = EcdhSecp.Open(type, scalar);
        using var managed = EcdhSecp.OpenManaged(type, scalar);
        platform.Curve.Should().Be(type);

        for (var round = 0; round < 4; round++)
        {
            // Arrange
            using var peer = ECDiffieHellman.Create(CurveOf(type));

            // Act
            platform.TryAgree(Compressed(peer), out var viaPlatform).Should().BeTrue();
            managed.TryAgree(Compressed(peer), out var viaManaged).Should().BeTrue();

            // Assert
            viaPlatform.Should().Equal(viaManaged);
            viaPlatform.Should().Equal(peer.DeriveRawSecretAgreement(device.PublicKey));
        }
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Every_secp_curve_runs_on_the_platform_where_dotnet_knows_it(string name)
    {
        // Arrange: secp256k1 is OID 1.3.132.0.10; OpenSSL knows it, some platforms do not (then BouncyCastle runs).
        KeyTypes.TryParse(name, out var type).Should().BeTrue();
        bool known;
        try
        {
            using var probe = ECDiffieHellman.Create(CurveOf(type));
            known = true;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or CryptographicException)
        {
            known = false;
        }

        // Act, Assert
        EcdhSecp.UsesPlatform(type).Should().Be(known);
    }

    [TestMethod]
    public void A_disposed_prepared_key_refuses_to_agree()
    {
        // Arrange
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var own = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var secp = EcdhSecp.Open(KeyType.Secp256r1, own.ExportParameters(true).D!);
        var x25519 = EcdhPrivateKey.Open(KeyType.Curve25519, new byte[32]);

        // Act
        secp.Dispose();
        x25519.Dispose();

        // Assert
        ((Action)(() => secp.TryAgree(Compressed(peer), out _))).Should().Throw<ObjectDisposedException>();
        ((Action)(() => x25519.TryAgree(new byte[32], out _))).Should().Throw<ObjectDisposedException>();
    }

    [TestMethod]
    public void Opening_a_key_that_is_not_an_ecdh_private_key_is_misuse()
    {
        ((Action)(() => EcdhPrivateKey.Open(KeyType.Curve25519, new byte[31]))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhPrivateKey.Open(KeyType.Curve448, new byte[32]))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhPrivateKey.Open(KeyType.Ed25519, new byte[32]))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhPrivateKey.Open(KeyType.Secp384r1, new byte[48]))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhSecp.OpenManaged(KeyType.Secp256r1, new byte[32]))).Should().Throw<ArgumentException>();
    }

    [TestMethod]
    public void A_prepared_montgomery_key_matches_rfc_7748_section_6_1()
    {
        // RFC 7748 §6.1: Alice's private key, Bob's public key, K.
        using var alice = EcdhPrivateKey.Open(KeyType.Curve25519,
            Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));

        alice.TryAgree(Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"), out var k).Should().BeTrue();

        Convert.ToHexStringLower(k).Should().Be("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
    }
}
