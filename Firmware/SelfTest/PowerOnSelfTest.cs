using System.Security.Cryptography;
using HemSim.Firmware.Crypto;
using HemSim.Firmware.Entropy;

namespace HemSim.Firmware.SelfTest;

/// <summary>
/// Known-answer tests run at power-up (spec §20.2). A failure latches <see cref="FaultBits.KnownAnswer"/>.
/// Each vector names its source; the same vectors are used by the unit tests.
/// </summary>
internal static partial class PowerOnSelfTest
{
    // RFC 7748 §6.1: Alice's private key, Bob's public key, and their shared secret.
    private static readonly byte[] s_x25519AlicePrivate = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static readonly byte[] s_x25519BobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static readonly byte[] s_x25519Shared = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    // RFC 8032 §7.1 TEST 2: one-byte message 0x72.
    private static readonly byte[] s_ed25519Seed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
    private static readonly byte[] s_ed25519Signature = Convert.FromHexString(
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    // RFC 4231 §4.3 test case 2: HMAC-SHA-256 with key "Jefe".
    private static readonly byte[] s_hmacExpected = Convert.FromHexString("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    /// <summary>Runs every known-answer test; true when all pass.</summary>
    public static bool Run() =>
        DrbgSelfTest.Run() && X25519Passes() && Ed25519Passes() && HmacPasses()
        && DigestFamilyPasses() && SignatureFamiliesPass() && CipherFamiliesPass() && PqcFamiliesPass();

    private static bool X25519Passes() =>
        KeyAgreementAlgorithm.X25519.TryAgree(s_x25519AlicePrivate, s_x25519BobPublic, out var shared)
        && shared.AsSpan().SequenceEqual(s_x25519Shared);

    private static bool Ed25519Passes() =>
        SignatureAlgorithm.Ed25519.Sign(s_ed25519Seed, [0x72]).AsSpan().SequenceEqual(s_ed25519Signature);

    private static bool HmacPasses() =>
        HMACSHA256.HashData("Jefe"u8, "what do ya want for nothing?"u8).AsSpan().SequenceEqual(s_hmacExpected);
}
