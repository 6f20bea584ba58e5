using System.Security.Cryptography;
using FluentAssertions;
using HemSim.Firmware.Crypto;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using Org.BouncyCastle.Asn1.X9;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace HemSim.Firmware.Tests.Crypto;

[TestClass]
public sealed class Sec1Tests
{
    [TestMethod]
    [DataRow("SECP256R1", 33, 65)]
    [DataRow("SECP384R1", 49, 97)]
    [DataRow("SECP521R1", 67, 133)]
    [DataRow("SECP256K1", 33, 65)]
    public void Compressed_point_round_trips_through_the_uncompressed_form(string wireName, int compressedSize, int uncompressedSize)
    {
        // Arrange
        KeyType curve = WireNames.Parse(wireName);
        byte[] compressed = KeyGenerator.Generate(curve, new CountingEntropy(20)).PublicKey!;

        // Act
        bool decompressed = Sec1.TryDecompress(curve, compressed, out byte[] uncompressed);
        bool recompressed = Sec1.TryCompress(curve, uncompressed, out byte[] again);

        // Assert
        Sec1.CompressedSize(curve).Should().Be(compressedSize);
        Sec1.UncompressedSize(curve).Should().Be(uncompressedSize);
        decompressed.Should().BeTrue();
        uncompressed.Should().HaveCount(uncompressedSize);
        uncompressed[0].Should().Be(0x04);
        recompressed.Should().BeTrue();
        again.Should().Equal(compressed);
        Sec1.IsValidCompressed(curve, compressed).Should().BeTrue();
    }

    // .NET's ECC (OpenSSL here) is an independent implementation of the NIST curves.
    [TestMethod]
    [DataRow("SECP256R1", "nistP256")]
    [DataRow("SECP384R1", "nistP384")]
    [DataRow("SECP521R1", "nistP521")]
    public void Round_trips_a_point_made_by_dotnet_ECC(string wireName, string dotnetCurve)
    {
        // Arrange
        KeyType curve = WireNames.Parse(wireName);
        using var ecdh = ECDiffieHellman.Create(ECCurve.CreateFromFriendlyName(dotnetCurve));
        ECPoint q = ecdh.ExportParameters(includePrivateParameters: false).Q;
        byte[] uncompressed = [0x04, .. q.X!, .. q.Y!];

        // Act
        bool compressedOk = Sec1.TryCompress(curve, uncompressed, out byte[] compressed);
        bool decompressedOk = Sec1.TryDecompress(curve, compressed, out byte[] back);

        // Assert
        compressedOk.Should().BeTrue();
        compressed[0].Should().Be((byte)(0x02 | (q.Y![^1] & 1)));
        compressed.AsSpan(1).ToArray().Should().Equal(q.X);
        decompressedOk.Should().BeTrue();
        back.Should().Equal(uncompressed);
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP384R1")]
    [DataRow("SECP521R1")]
    [DataRow("SECP256K1")]
    public void Rejects_an_uncompressed_point_where_a_compressed_one_is_expected(string wireName)
    {
        // Arrange: spec §17.5, uncompressed points are refused on import.
        KeyType curve = WireNames.Parse(wireName);
        byte[] compressed = KeyGenerator.Generate(curve, new CountingEntropy(21)).PublicKey!;
        Sec1.TryDecompress(curve, compressed, out byte[] uncompressed).Should().BeTrue();
        byte[] relabelled = [0x04, .. compressed.AsSpan(1)];

        // Act + Assert
        Sec1.IsValidCompressed(curve, uncompressed).Should().BeFalse();
        Sec1.IsValidCompressed(curve, relabelled).Should().BeFalse();
        Sec1.TryDecompress(curve, uncompressed, out byte[] none).Should().BeFalse();
        none.Should().BeEmpty();
    }

    [TestMethod]
    [DataRow("SECP256R1", "secp256r1")]
    [DataRow("SECP384R1", "secp384r1")]
    [DataRow("SECP521R1", "secp521r1")]
    [DataRow("SECP256K1", "secp256k1")]
    public void Rejects_an_x_that_is_not_on_the_curve(string wireName, string curveName)
    {
        // Arrange: the smallest x whose x³ + ax + b is a non-residue mod p (Euler's criterion), so no y exists.
        KeyType curve = WireNames.Parse(wireName);
        byte[] x = SmallestOffCurveX(ECNamedCurveTable.GetByName(curveName), Sec1.CompressedSize(curve) - 1);

        // Act + Assert
        Sec1.IsValidCompressed(curve, [0x02, .. x]).Should().BeFalse();
        Sec1.IsValidCompressed(curve, [0x03, .. x]).Should().BeFalse();
        Sec1.TryDecompress(curve, [0x02, .. x], out _).Should().BeFalse();
    }

    [TestMethod]
    [DataRow("SECP256R1")]
    [DataRow("SECP521R1")]
    public void Rejects_x_at_least_p_bad_prefixes_and_wrong_lengths(string wireName)
    {
        KeyType curve = WireNames.Parse(wireName);
        int size = Sec1.CompressedSize(curve);
        byte[] valid = KeyGenerator.Generate(curve, new CountingEntropy(22)).PublicKey!;
        byte[] xTooLarge = [0x02, .. Enumerable.Repeat((byte)0xFF, size - 1)];

        Sec1.IsValidCompressed(curve, xTooLarge).Should().BeFalse();
        Sec1.IsValidCompressed(curve, [0x05, .. valid.AsSpan(1)]).Should().BeFalse();
        Sec1.IsValidCompressed(curve, [0x00]).Should().BeFalse();
        Sec1.IsValidCompressed(curve, []).Should().BeFalse();
        Sec1.IsValidCompressed(curve, valid[..^1]).Should().BeFalse();
        Sec1.IsValidCompressed(curve, [.. valid, 0x00]).Should().BeFalse();
    }

    [TestMethod]
    public void TryCompress_rejects_off_curve_and_hybrid_encodings()
    {
        // Arrange
        byte[] compressed = KeyGenerator.Generate(KeyType.Secp256r1, new CountingEntropy(23)).PublicKey!;
        Sec1.TryDecompress(KeyType.Secp256r1, compressed, out byte[] uncompressed).Should().BeTrue();
        byte[] wrongY = (byte[])uncompressed.Clone();
        wrongY[^1] ^= 0x01;
        // SEC 1 hybrid form: 06|07 ‖ X ‖ Y, with the prefix carrying Y's parity.
        byte[] hybrid = (byte[])uncompressed.Clone();
        hybrid[0] = (byte)(0x06 | (uncompressed[^1] & 1));

        // Act + Assert
        Sec1.TryCompress(KeyType.Secp256r1, wrongY, out byte[] none).Should().BeFalse();
        none.Should().BeEmpty();
        Sec1.TryCompress(KeyType.Secp256r1, hybrid, out _).Should().BeFalse();
        Sec1.TryCompress(KeyType.Secp256r1, compressed, out _).Should().BeFalse();
    }

    [TestMethod]
    public void A_non_SECP_key_type_is_misuse()
    {
        Action act = () => Sec1.IsValidCompressed(KeyType.Curve25519, new byte[33]);

        act.Should().Throw<ArgumentException>();
    }

    private static byte[] SmallestOffCurveX(X9ECParameters domain, int fieldSize)
    {
        BigInteger p = domain.Curve.Field.Characteristic;
        BigInteger a = domain.Curve.A.ToBigInteger();
        BigInteger b = domain.Curve.B.ToBigInteger();
        BigInteger legendreExponent = p.ShiftRight(1);
        for (BigInteger x = BigInteger.One; ; x = x.Add(BigInteger.One))
        {
            BigInteger rhs = x.Pow(3).Add(a.Multiply(x)).Add(b).Mod(p);
            if (rhs.ModPow(legendreExponent, p).Equals(p.Subtract(BigInteger.One)))
            {
                return x.ToByteArrayUnsigned().PadLeft(fieldSize);
            }
        }
    }
}

file static class ByteArrayExtensions
{
    public static byte[] PadLeft(this byte[] value, int size)
    {
        byte[] padded = new byte[size];
        value.CopyTo(padded, size - value.Length);
        return padded;
    }
}
