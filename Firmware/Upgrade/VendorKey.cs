using System.Security.Cryptography;
using System.Text;
using HemSim.Firmware.Crypto;

namespace HemSim.Firmware.Upgrade;

/// <summary>
/// The published HemSim vendor test key (docs/UPGRADE.md §2): the Ed25519 seed is
/// SHA-256("HemSim firmware signing key"). NOT SECRET — anyone can derive it, which is the point: images for a
/// default simulator can be signed by anyone. A device trusts another public key with <c>--vendor-key</c>.
/// </summary>
internal static class VendorKey
{
    private const string SeedLabel = "HemSim firmware signing key";

    /// <summary>The test key's seed (a new copy each call).</summary>
    public static byte[] TestSeed() => SHA256.HashData(Encoding.ASCII.GetBytes(SeedLabel));

    /// <summary>The test key's public key (reported as <c>fwk</c> by default).</summary>
    public static byte[] TestPublicKey { get; } = SignatureAlgorithm.Ed25519.GetPublicKey(TestSeed());
}
