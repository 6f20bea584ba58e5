using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Elliptic-curve Diffie-Hellman on the four SECP curves (SEC 1 v2 §3.3.1, "Elliptic Curve Diffie-Hellman
/// Primitive"): the shared secret is the x-coordinate of d·Q, at the full field size (32/48/66/32 bytes),
/// as <c>keymgmt/derive</c> (spec §12.10) and <c>crypto/ecdh</c> (§13.9) use it.
/// </summary>
/// <remarks>
/// <para>The peer point is data from outside: it must be a compressed point (spec §17.5) on the curve, or
/// <see cref="TryAgree"/> answers false. All four curves have cofactor 1, so a point on the curve lies in
/// the prime-order group and no small-subgroup check is needed beyond <see cref="Sec1"/>'s validation.</para>
/// <para>The private scalar comes from our own keystore: a wrong length or a value outside [1, n−1] is
/// misuse and throws. BouncyCastle types stay inside this folder.</para>
/// </remarks>
internal static class EcdhSecp
{
    /// <summary>Shared-secret size: one field element (32, 48, 66 or 32 bytes).</summary>
    public static int SharedSecretSize(KeyType curve) => EcCurves.FieldSize(curve);

    /// <summary>
    /// x(d·Q) for the compressed peer point Q. False (and an empty <paramref name="sharedSecret"/>) when Q
    /// is not a valid compressed point of <paramref name="curve"/>, or the product is the point at infinity.
    /// </summary>
    /// <exception cref="ArgumentException">Not a SECP curve, or <paramref name="scalar"/> is not a valid private scalar.</exception>
    public static bool TryAgree(KeyType curve, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> compressedPeer, out byte[] sharedSecret)
    {
        if (!EcScalar.IsValid(curve, scalar))
        {
            throw new ArgumentException($"Not a valid {curve} private scalar.", nameof(scalar));
        }

        sharedSecret = [];
        if (!Sec1.TryDecodeCompressed(curve, compressedPeer, out ECPoint? peer))
        {
            return false;
        }

        ECPoint product = peer.Multiply(new BigInteger(1, scalar)).Normalize();
        if (product.IsInfinity)
        {
            return false;
        }

        sharedSecret = BigIntegers.AsUnsignedByteArray(SharedSecretSize(curve), product.AffineXCoord.ToBigInteger());
        return true;
    }
}
