using System.Security.Cryptography;
using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.SelfTest;

internal static partial class PowerOnSelfTest
{
    // RFC 8032 §7.2 Ed25519ctx "foo": SECRET KEY, MESSAGE, CONTEXT "foo", SIGNATURE.
    private static readonly byte[] s_ed25519ctxSeed = Convert.FromHexString("0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6");
    private static readonly byte[] s_ed25519ctxMessage = Convert.FromHexString("f726936d19c800494e3fdaff20b276a8");
    private static readonly byte[] s_ed25519ctxSignature = Convert.FromHexString(
        "55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d");

    // RFC 8032 §7.3 Ed25519ph TEST abc (no context).
    private static readonly byte[] s_ed25519phSeed = Convert.FromHexString("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42");
    private static readonly byte[] s_ed25519phSignature = Convert.FromHexString(
        "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406");

    // RFC 8032 §7.4 Ed448 "1 octet (with context)": message 03, context "foo".
    private static readonly byte[] s_ed448Seed = Convert.FromHexString(
        "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e");
    private static readonly byte[] s_ed448Signature = Convert.FromHexString(
        "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea00"
        + "0c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00");

    // RFC 8032 §7.5 Ed448ph TEST abc (no context).
    private static readonly byte[] s_ed448phSeed = Convert.FromHexString(
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42ef7822e0d5104127dc05d6dbefde69e3ab2cec7c867c6e2c49");
    private static readonly byte[] s_ed448phSignature = Convert.FromHexString(
        "822f6901f7480f3d5f562c592994d9693602875614483256505600bbc281ae381f54d6bce2ea911574932f52a4e6cadd78769375ec3ffd1b80"
        + "1a0d9b3f4030cd433964b6457ea39476511214f97469b57dd32dbc560a9a94d00bff07620464a3ad203df7dc7ce360c3cd3696d9d9fab90f00");

    // RFC 6979 §A.2.5 P-256: private key x, and the SHA-256 signature of "sample" (r, s) as DER:
    //   30 46                 SEQUENCE, 70 bytes
    //      02 21 00 ‖ r        INTEGER r (32 bytes, high bit set → leading 00)
    //      02 21 00 ‖ s        INTEGER s (idem)
    private static readonly byte[] s_p256Scalar = Convert.FromHexString("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
    private static readonly byte[] s_p256SampleSignature = Convert.FromHexString(
        "3046022100efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716"
        + "022100f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");

    /// <summary>
    /// Known answers of Ed25519ctx, Ed25519ph, Ed448 (with context) and Ed448ph (RFC 8032 §7.2–§7.5), and
    /// ECDSA P-256/SHA-256: the RFC 6979 signature verifies, and a fresh signature by the same key verifies
    /// (ECDSA signatures are randomised, so a fresh one cannot be compared byte for byte). Pure Ed25519 has
    /// its own test in <see cref="Ed25519Passes"/>.
    /// </summary>
    private static bool SignatureFamiliesPass() =>
        EdDsaVectorPasses(SignatureAlgorithm.Ed25519ctx, s_ed25519ctxSeed, s_ed25519ctxMessage, "foo"u8, s_ed25519ctxSignature)
        && EdDsaVectorPasses(SignatureAlgorithm.Ed25519ph, s_ed25519phSeed, "abc"u8, [], s_ed25519phSignature)
        && EdDsaVectorPasses(SignatureAlgorithm.Ed448, s_ed448Seed, [0x03], "foo"u8, s_ed448Signature)
        && EdDsaVectorPasses(SignatureAlgorithm.Ed448ph, s_ed448phSeed, "abc"u8, [], s_ed448phSignature)
        && EcdsaVectorPasses(KeyType.Secp256r1, s_p256Scalar, "sample"u8, HashAlgorithmName.SHA256, s_p256SampleSignature);

    /// <summary>The signature equals <paramref name="expected"/> and verifies under the derived public key.</summary>
    internal static bool EdDsaVectorPasses(
        SignatureAlgorithm algorithm, byte[] seed, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context, byte[] expected) =>
        algorithm.Sign(seed, message, context).AsSpan().SequenceEqual(expected)
        && algorithm.Verify(algorithm.GetPublicKey(seed), message, expected, context);

    /// <summary><paramref name="expected"/> verifies, and so does a fresh signature of the same message.</summary>
    internal static bool EcdsaVectorPasses(
        KeyType curve, byte[] scalar, ReadOnlySpan<byte> message, HashAlgorithmName hash, byte[] expected)
    {
        byte[] publicKey = EcScalar.CompressedPublicKey(curve, scalar);
        return Ecdsa.Verify(curve, publicKey, message, expected, hash)
            && Ecdsa.Verify(curve, publicKey, message, Ecdsa.Sign(curve, scalar, message, hash), hash);
    }
}
