using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Utilities;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Elliptic-curve Diffie-Hellman on the four SECP curves (SEC 1 v2 §3.3.1, "Elliptic Curve Diffie-Hellman
/// Primitive"): the shared secret is the x-coordinate of d·Q, at the full field size (32/48/66/32 bytes),
/// as <c>keymgmt/derive</c> (spec §12.10), the ECDH key modes (§13) and <c>crypto/ecdh</c> (§13.9) use it.
/// </summary>
/// <remarks>
/// <para>Issue #5 asks for the platform's primitive where it has one: the agreement runs in .NET's
/// <see cref="ECDiffieHellman"/> (OpenSSL on Linux), including secp256k1 when the platform knows the curve
/// (OID 1.3.132.0.10). A curve the platform lacks falls back to BouncyCastle; both give the same bytes.</para>
/// <para>The peer point is data from outside: it must be a compressed point (spec §17.5) on the curve, or
/// the agreement answers false. All four curves have cofactor 1, so a point on the curve lies in the
/// prime-order group and no small-subgroup check is needed beyond <see cref="Sec1"/>'s validation.</para>
/// <para>The private scalar comes from our own keystore: a wrong length or a value outside [1, n−1] is
/// misuse and throws. BouncyCastle types stay inside this folder.</para>
/// </remarks>
internal static class EcdhSecp
{
    private static readonly Lazy<ECCurve?> s_p256 = new(() => Probe(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECCurve?> s_p384 = new(() => Probe(ECCurve.NamedCurves.nistP384));
    private static readonly Lazy<ECCurve?> s_p521 = new(() => Probe(ECCurve.NamedCurves.nistP521));
    private static readonly Lazy<ECCurve?> s_k256 = new(() => Probe(ECCurve.CreateFromValue("1.3.132.0.10")));

    /// <summary>Shared-secret size: one field element (32, 48, 66 or 32 bytes).</summary>
    public static int SharedSecretSize(KeyType curve) => EcCurves.FieldSize(curve);

    /// <summary>True when .NET computes <paramref name="curve"/> on this platform (else BouncyCastle does).</summary>
    public static bool UsesPlatform(KeyType curve) => PlatformCurve(curve) is not null;

    /// <summary>Prepares <paramref name="scalar"/> for repeated agreements; the key copies what it keeps.</summary>
    /// <exception cref="ArgumentException">Not a SECP curve, or <paramref name="scalar"/> is not a valid private scalar.</exception>
    public static EcdhPrivateKey Open(KeyType curve, ReadOnlySpan<byte> scalar)
    {
        RequireValid(curve, scalar);
        return PlatformCurve(curve) is { } platformCurve
            ? new PlatformKey(curve, platformCurve, scalar)
            : new ManagedKey(curve, scalar);
    }

    /// <summary>The BouncyCastle implementation, whatever the platform supports (for tests comparing the two).</summary>
    internal static EcdhPrivateKey OpenManaged(KeyType curve, ReadOnlySpan<byte> scalar)
    {
        RequireValid(curve, scalar);
        return new ManagedKey(curve, scalar);
    }

    /// <summary>
    /// x(d·Q) for the compressed peer point Q. False (and an empty <paramref name="sharedSecret"/>) when Q
    /// is not a valid compressed point of <paramref name="curve"/>, or the product is the point at infinity.
    /// </summary>
    /// <exception cref="ArgumentException">Not a SECP curve, or <paramref name="scalar"/> is not a valid private scalar.</exception>
    public static bool TryAgree(KeyType curve, ReadOnlySpan<byte> scalar, ReadOnlySpan<byte> compressedPeer, out byte[] sharedSecret)
    {
        using var key = Open(curve, scalar);
        return key.TryAgree(compressedPeer, out sharedSecret);
    }

    private static void RequireValid(KeyType curve, ReadOnlySpan<byte> scalar)
    {
        if (!EcScalar.IsValid(curve, scalar))
        {
            throw new ArgumentException($"Not a valid {curve} private scalar.", nameof(scalar));
        }
    }

    private static ECCurve? PlatformCurve(KeyType curve) => curve switch
    {
        KeyType.Secp256r1 => s_p256.Value,
        KeyType.Secp384r1 => s_p384.Value,
        KeyType.Secp521r1 => s_p521.Value,
        KeyType.Secp256k1 => s_k256.Value,
        _ => throw new ArgumentException($"{curve} is not a SECP curve.", nameof(curve)),
    };

    private static ECCurve? Probe(ECCurve curve)
    {
        try
        {
            using var key = ECDiffieHellman.Create(curve);
            return curve;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The scalar imported once into an OpenSSL (or CNG/Apple) key; each agreement imports only the peer.</summary>
    private sealed class PlatformKey : EcdhPrivateKey
    {
        private readonly ECCurve _curve;
        private readonly ECDiffieHellman _key;

        public PlatformKey(KeyType curve, ECCurve platformCurve, ReadOnlySpan<byte> scalar)
            : base(curve)
        {
            _curve = platformCurve;
            var d = scalar.ToArray();
            try
            {
                _key = ECDiffieHellman.Create(new ECParameters { Curve = platformCurve, D = d });
            }
            finally
            {
                CryptographicOperations.ZeroMemory(d);
            }
        }

        private protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret)
        {
            sharedSecret = [];
            // .NET takes (X, Y); Sec1 decompresses and checks the point is on the curve.
            if (!Sec1.TryDecompress(Curve, peerPublicKey, out var point))
            {
                return false;
            }
            var size = EcCurves.FieldSize(Curve);
            var q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] };
            try
            {
                using var peer = ECDiffieHellman.Create(new ECParameters { Curve = _curve, Q = q });
                using var peerKey = peer.PublicKey;
                sharedSecret = _key.DeriveRawSecretAgreement(peerKey);
                return true;
            }
            catch (CryptographicException)
            {
                // Cannot happen for a validated point and a scalar in [1, n−1] (cofactor 1); refuse rather than fail.
                return false;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _key.Dispose();
            }
        }
    }

    /// <summary>BouncyCastle: d·Q with the curve's specialised field arithmetic (<see cref="EcCurves"/>).</summary>
    private sealed class ManagedKey : EcdhPrivateKey
    {
        private readonly BigInteger _d;

        public ManagedKey(KeyType curve, ReadOnlySpan<byte> scalar)
            : base(curve) => _d = new BigInteger(1, scalar);

        private protected override bool TryAgreeCore(ReadOnlySpan<byte> peerPublicKey, out byte[] sharedSecret)
        {
            sharedSecret = [];
            if (!Sec1.TryDecodeCompressed(Curve, peerPublicKey, out var peer))
            {
                return false;
            }
            var product = peer.Multiply(_d).Normalize();
            if (product.IsInfinity)
            {
                return false;
            }
            sharedSecret = BigIntegers.AsUnsignedByteArray(SharedSecretSize(Curve), product.AffineXCoord.ToBigInteger());
            return true;
        }
    }
}
