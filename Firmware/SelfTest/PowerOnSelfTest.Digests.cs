using System.Security.Cryptography;
using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.SelfTest;

internal static partial class PowerOnSelfTest
{
    // RFC 4231 §4.3 test case 2: key "Jefe", data "what do ya want for nothing?" (HMAC-SHA-256 is HmacPasses' vector).
    private static readonly byte[] s_rfc4231Key = "Jefe"u8.ToArray();
    private static readonly byte[] s_rfc4231Data = "what do ya want for nothing?"u8.ToArray();

    // NIST P-256 ECC CDH primitive, CAVS 14.1 KAS ECC CDH test vectors (ecccdhtestvectors.zip, [P-256] COUNT = 0).
    private static readonly byte[] s_cdhQx = Convert.FromHexString("700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287");
    private static readonly byte[] s_cdhQy = Convert.FromHexString("db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac");
    private static readonly byte[] s_cdhD = Convert.FromHexString("7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534");

    /// <summary>
    /// The digest-family known answers (spec §20.2): HMAC-SHA2-384/512 (RFC 4231), HMAC-SHA3-256/384/512 (Wycheproof),
    /// SHA3-256/384/512 hashing (FIPS 202 examples) and SECP ECDH (NIST CAVP). Each runs through the adapter the
    /// endpoints use (<see cref="Digest"/>, <see cref="EcdhSecp"/>); together well under a millisecond after warm-up.
    /// </summary>
    internal static IReadOnlyList<DigestKnownAnswer> DigestKnownAnswers { get; } =
    [
        new("HMAC-SHA2-384 RFC 4231 §4.3", () => Digest.Sha2_384.Mac(s_rfc4231Key, s_rfc4231Data),
            "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
        new("HMAC-SHA2-512 RFC 4231 §4.3", () => Digest.Sha2_512.Mac(s_rfc4231Key, s_rfc4231Data),
            "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        // C2SP/wycheproof testvectors_v1/hmac_sha3_{256,384,512}_test.json, tcId 2 ("short message").
        new("HMAC-SHA3-256 Wycheproof tcId 2", () => Digest.Sha3_256.Mac(
                Convert.FromHexString("8159fd15133cd964c9a6964c94f0ea269a806fd9f43f0da58b6cd1b33d189b2a"), [0x77]),
            "f709a35d41e82e36955512bf5fc1af0c1a9c580ff8fc3199bcb7454027029282"),
        new("HMAC-SHA3-384 Wycheproof tcId 2", () => Digest.Sha3_384.Mac(
                Convert.FromHexString("976696c0dc97182ca771975c3928ff9168ef89cd740cd2292858fd916068a702bc1df7c6cd8ee1f0d25e61d4c514cc5d"), [0x2b]),
            "b9c77f78d4e7928219105b1fa64d24a98a81816ca0c714d5424d0882ce7bb7be04b5bb4ac2a0092b4f5ce06f04c8654a"),
        new("HMAC-SHA3-512 Wycheproof tcId 2", () => Digest.Sha3_512.Mac(
                Convert.FromHexString("00698977f7102c67b594166919aa99dc3e58c7b6697a6422e238d04d2f57b2c74e4e84f5c4c6b792952df72f1c09244802f0bcf8752efb90e836110703bfa21c"), [0x01]),
            "84185a2890b3f4c5ef8723c292db676c69104e7ff7def5ecf26928a41626d2b16b063d8a9df03917498467f5abd7af3c6c732957f67cb800a517b26963142a1d"),
        // FIPS 202 examples (NIST CSRC "Example Values"): SHA3-x("abc").
        new("SHA3-256 abc", () => Digest.Sha3_256.Hash("abc"u8),
            "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"),
        new("SHA3-384 abc", () => Digest.Sha3_384.Hash("abc"u8),
            "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"),
        new("SHA3-512 abc", () => Digest.Sha3_512.Hash("abc"u8),
            "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"),
        new("ECDH P-256 CAVP CDH COUNT 0", CdhP256,
            "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b"),
    ];

    /// <summary>True when every digest-family known answer matches.</summary>
    internal static bool DigestFamilyPasses() => DigestKnownAnswers.All(answer => answer.Passes());

    private static byte[] CdhP256()
    {
        byte[] peer = [(byte)(0x02 | (s_cdhQy[^1] & 1)), .. s_cdhQx];
        return EcdhSecp.TryAgree(KeyType.Secp256r1, s_cdhD, peer, out var shared) ? shared : [];
    }

    /// <summary>One known-answer test: <see cref="Compute"/> must give exactly <see cref="Expected"/>.</summary>
    internal sealed record DigestKnownAnswer(string Name, Func<byte[]> Compute, byte[] Expected)
    {
        public DigestKnownAnswer(string name, Func<byte[]> compute, string expectedHex)
            : this(name, compute, Convert.FromHexString(expectedHex))
        {
        }

        public bool Passes() => CryptographicOperations.FixedTimeEquals(Compute(), Expected);
    }
}
