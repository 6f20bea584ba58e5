using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>SECP ECDH (SEC 1 §3.3.1): the x-coordinate of d·Q at the full field size, checked against .NET.</summary>
[TestClass]
public sealed partial class EcdhSecpTests
{
    private static ECCurve CurveOf(KeyType type) => type switch
    {
        KeyType.Secp256r1 => ECCurve.NamedCurves.nistP256,
        KeyType.Secp384r1 => ECCurve.NamedCurves.nistP384,
        KeyType.Secp521r1 => ECCurve.NamedCurves.nistP521,
        KeyType.Secp256k1 => ECCurve.CreateFromFriendlyName("secp256k1"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static byte[] Compressed(ECDiffieHellman key)
    {
        var q = key.ExportParameters(false).Q;
        return [(byte)(0x02 | (q.Y![^1] & 1)), .. q.X!];
    }

    [TestMethod]
    public void Agree_matches_the_rfc_5903_p256_vector()
    {
        // RFC 5903 §8.1 (ECP-256): i, g^r (compressed here from its x and y), and x(g^ir).
        var i = Convert.FromHexString("C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433");
        var grx = Convert.FromHexString("D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63");
        var gry = Convert.FromHexString("56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB");
        byte[] peer = [(byte)(0x02 | (gry[^1] & 1)), .. grx];

        var agreed = EcdhSecp.TryAgree(KeyType.Secp256r1, i, peer, out var shared);

        agreed.Should().BeTrue();
        Convert.ToHexString(shared).Should().Be("D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE");
    }

    [TestMethod]
    [DataRow("SECP256R1", 32)]
    [DataRow("SECP384R1", 48)]
    [DataRow("SECP521R1", 66)]
    [DataRow("SECP256K1", 32)]
    public void Agree_equals_dotnet_raw_agreement_from_either_side(string name, int size)
    {
        KeyTypes.TryParse(name, out var type).Should().BeTrue();
        for (var round = 0; round < 8; round++)
        {
            // Arrange: both key pairs made by .NET (OpenSSL), the device side's scalar exported at field size.
            using var device = ECDiffieHellman.Create(CurveOf(type));
            using var peer = ECDiffieHellman.Create(CurveOf(type));
            var scalar = device.ExportParameters(true).D!;
            scalar.Should().HaveCount(size);

            // Act
            var agreed = EcdhSecp.TryAgree(type, scalar, Compressed(peer), out var shared);

            // Assert
            agreed.Should().BeTrue();
            shared.Should().HaveCount(size);
            shared.Should().Equal(peer.DeriveRawSecretAgreement(device.PublicKey));
            EcdhSecp.SharedSecretSize(type).Should().Be(size);
        }
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP521R1")]
    public void Agree_refuses_a_peer_that_is_not_a_compressed_point_on_the_curve(string name)
    {
        KeyTypes.TryParse(name, out var type).Should().BeTrue();
        // Arrange
        using var device = ECDiffieHellman.Create(CurveOf(type));
        using var peer = ECDiffieHellman.Create(CurveOf(type));
        var scalar = device.ExportParameters(true).D!;
        var good = Compressed(peer);
        var q = peer.ExportParameters(false).Q;
        byte[][] bad =
        [
            [0x04, .. q.X!, .. q.Y!],
            [0x04, .. good[1..]],
            [0x00, .. good[1..]],
            good[..^1],
            [.. good, 0x00],
            [0x02, .. Enumerable.Repeat((byte)0xFF, good.Length - 1)],
            [],
        ];

        foreach (var point in bad)
        {
            // Act
            var agreed = EcdhSecp.TryAgree(type, scalar, point, out var shared);

            // Assert
            agreed.Should().BeFalse(Convert.ToHexString(point));
            shared.Should().BeEmpty();
        }
    }

    [TestMethod]
    public void Agree_treats_an_invalid_private_scalar_or_a_non_secp_type_as_misuse()
    {
        var peer = EcScalar.CompressedPublicKey(KeyType.Secp256r1, Convert.FromHexString(new string('1', 64)));
        var n = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");

        ((Action)(() => EcdhSecp.TryAgree(KeyType.Secp256r1, new byte[32], peer, out _))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhSecp.TryAgree(KeyType.Secp256r1, n, peer, out _))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhSecp.TryAgree(KeyType.Secp256r1, new byte[31], peer, out _))).Should().Throw<ArgumentException>();
        ((Action)(() => EcdhSecp.TryAgree(KeyType.Curve25519, new byte[32], new byte[32], out _))).Should().Throw<ArgumentException>();
    }
}
