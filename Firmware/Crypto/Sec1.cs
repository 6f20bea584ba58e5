using System.Diagnostics.CodeAnalysis;
using Org.BouncyCastle.Math.EC;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// SEC 1 v2 §2.3.3/§2.3.4 point encodings for the SECP key types. The device speaks compressed points
/// only (spec §17.5: 33/49/67 bytes, uncompressed rejected on import); .NET's ECC APIs want the
/// uncompressed form, so this converts between the two and validates on the way.
/// </summary>
/// <remarks>
/// A point from outside is data: every <c>Try…</c> method answers false for bytes that are not a
/// valid point, never throws. Passing a non-SECP <see cref="KeyType"/> is misuse (ArgumentException).
/// All four curves have cofactor 1, so a point on the curve is in the prime-order group.
/// </remarks>
internal static class Sec1
{
    private const byte CompressedEven = 0x02;
    private const byte CompressedOdd = 0x03;
    private const byte Uncompressed = 0x04;

    /// <summary>1 + field size: 33, 49, 67 or 33 bytes.</summary>
    public static int CompressedSize(KeyType curve) => checked(1 + EcCurves.FieldSize(curve));

    /// <summary>1 + 2 × field size: 65, 97, 133 or 65 bytes.</summary>
    public static int UncompressedSize(KeyType curve) => checked(1 + (2 * EcCurves.FieldSize(curve)));

    /// <summary>Decompresses <c>02|03 ‖ X</c> into <c>04 ‖ X ‖ Y</c>; false unless X is on the curve.</summary>
    public static bool TryDecompress(KeyType curve, ReadOnlySpan<byte> compressedPoint, out byte[] uncompressedPoint)
    {
        uncompressedPoint = [];
        if (!TryDecodeCompressed(curve, compressedPoint, out ECPoint? point))
        {
            return false;
        }

        uncompressedPoint = point.GetEncoded(compressed: false);
        return true;
    }

    /// <summary>Compresses <c>04 ‖ X ‖ Y</c>; false unless the point is on the curve.</summary>
    public static bool TryCompress(KeyType curve, ReadOnlySpan<byte> uncompressedPoint, out byte[] compressedPoint)
    {
        compressedPoint = [];
        // SEC 1 also defines "hybrid" 06/07 encodings, which BouncyCastle would accept; the device does not.
        if (uncompressedPoint.Length != UncompressedSize(curve) || uncompressedPoint[0] != Uncompressed)
        {
            return false;
        }

        if (!TryDecode(curve, uncompressedPoint, out ECPoint? point))
        {
            return false;
        }

        compressedPoint = point.GetEncoded(compressed: true);
        return true;
    }

    /// <summary>True when <paramref name="compressedPoint"/> is a valid compressed point (import check).</summary>
    public static bool IsValidCompressed(KeyType curve, ReadOnlySpan<byte> compressedPoint) =>
        TryDecodeCompressed(curve, compressedPoint, out _);

    /// <summary>Crypto/-only: the decoded point, for ECDH and ECDSA adapters.</summary>
    internal static bool TryDecodeCompressed(KeyType curve, ReadOnlySpan<byte> compressedPoint, [NotNullWhen(true)] out ECPoint? point)
    {
        point = null;
        return compressedPoint.Length == CompressedSize(curve)
            && compressedPoint[0] is CompressedEven or CompressedOdd
            && TryDecode(curve, compressedPoint, out point);
    }

    private static bool TryDecode(KeyType curve, ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out ECPoint? point)
    {
        try
        {
            // DecodePoint rejects X ≥ p, an X with no square root (compressed) and an (X, Y) that fails
            // the curve equation (uncompressed), all with ArgumentException.
            point = EcCurves.Domain(curve).Curve.DecodePoint(encoded.ToArray());
            return !point.IsInfinity && point.IsValid();
        }
        catch (ArgumentException)
        {
            point = null;
            return false;
        }
    }
}
