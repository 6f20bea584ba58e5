using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Tests.Api.Crypto;

/// <summary>
/// Independent recomputation for the <c>ecdh</c> and <c>hmac/*</c> tests: the six digests and their HMAC with .NET's
/// own static APIs, and ECDH of a stored key with itself (the <c>ext_kid = kid</c> case of [T]) with .NET ECDH and
/// BouncyCastle X25519/X448, never through the firmware's adapters.
/// </summary>
internal static class EcdhReference
{
    /// <summary>The six <c>alg</c> strings of spec §18.1, written out here.</summary>
    public static readonly string[] Algs = ["SHA2-256", "SHA2-384", "SHA2-512", "SHA3-256", "SHA3-384", "SHA3-512"];

    /// <summary>The six curves that can do ECDH (spec §17.1).</summary>
    public static readonly string[] Curves = ["CURVE25519", "CURVE448", "SECP256R1", "SECP384R1", "SECP521R1", "SECP256K1"];

    /// <summary>Full ECDH secret size per curve: 32/56 (RFC 7748), the field size for SECP.</summary>
    public static int SecretSize(string curve) => curve switch
    {
        "CURVE448" => 56,
        "SECP384R1" => 48,
        "SECP521R1" => 66,
        _ => 32,
    };

    public static byte[] Hash(string alg, byte[] data) => alg switch
    {
        "SHA2-256" => SHA256.HashData(data),
        "SHA2-384" => SHA384.HashData(data),
        "SHA2-512" => SHA512.HashData(data),
        "SHA3-256" => SHA3_256.HashData(data),
        "SHA3-384" => SHA3_384.HashData(data),
        "SHA3-512" => SHA3_512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    public static byte[] Hmac(string alg, byte[] key, byte[] data) => alg switch
    {
        "SHA2-256" => HMACSHA256.HashData(key, data),
        "SHA2-384" => HMACSHA384.HashData(key, data),
        "SHA2-512" => HMACSHA512.HashData(key, data),
        "SHA3-256" => HMACSHA3_256.HashData(key, data),
        "SHA3-384" => HMACSHA3_384.HashData(key, data),
        "SHA3-512" => HMACSHA3_512.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(alg), alg, null),
    };

    /// <summary>The MAC length of an <c>alg</c>: 32/48/64 bytes.</summary>
    public static int MacSize(string alg) => Hash(alg, []).Length;

    /// <summary>ECDH of a stored key with its own public key (§17.5 encoding), computed outside the device.</summary>
    public static byte[] SelfAgree(string curve, byte[] secret, byte[] publicKey)
    {
        switch (curve)
        {
            case "CURVE25519":
            {
                var shared = new byte[32];
                new X25519PrivateKeyParameters(secret).GenerateSecret(new X25519PublicKeyParameters(publicKey), shared, 0);
                return shared;
            }
            case "CURVE448":
            {
                var shared = new byte[56];
                new X448PrivateKeyParameters(secret).GenerateSecret(new X448PublicKeyParameters(publicKey), shared, 0);
                return shared;
            }
            default:
            {
                var ecCurve = Api.KeyMgmt.KeyMgmtDeriveTests.DotNetCurve(curve);
                using var own = ECDiffieHellman.Create(new ECParameters { Curve = ecCurve, D = secret });
                using var peer = ECDiffieHellman.Create(new ECParameters { Curve = ecCurve, Q = Decompress(curve, publicKey) });
                return own.DeriveRawSecretAgreement(peer.PublicKey);
            }
        }
    }

    /// <summary>SEC 1 §2.3.4 decompression with BouncyCastle, for .NET, which takes X and Y.</summary>
    private static ECPoint Decompress(string curve, byte[] compressed)
    {
        var point = ECNamedCurveTable.GetByName(curve.ToLowerInvariant()).Curve.DecodePoint(compressed).Normalize();
        var size = SecretSize(curve);
        return new ECPoint
        {
            X = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(size, point.AffineXCoord.ToBigInteger()),
            Y = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(size, point.AffineYCoord.ToBigInteger()),
        };
    }
}
