using System.Security.Cryptography;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Platform;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// Private scalars of the SECP key types: stored big-endian at the fixed field size (32/48/66 bytes,
/// spec §17.1), always in [1, n−1].
/// </summary>
internal static class EcScalar
{
    // Each attempt fails with probability < 2^-32 on every supported curve, so running out means the
    // entropy source is stuck, not unlucky.
    private const int MaxAttempts = 16;

    /// <summary>
    /// Draws a scalar by rejection sampling (FIPS 186-5 §A.2.2 / SP 800-186 "rejection sampling"):
    /// take bitlen(n) random bits, retry until 1 ≤ d ≤ n−1. No modular reduction, so no bias.
    /// </summary>
    /// <exception cref="EntropyFailureException">No valid scalar after <see cref="MaxAttempts"/> draws.</exception>
    public static byte[] Sample(KeyType curve, IEntropySource entropy)
    {
        ArgumentNullException.ThrowIfNull(entropy);
        BigInteger n = EcCurves.Domain(curve).N;
        int size = EcCurves.FieldSize(curve);
        // P-521: 66 bytes hold 528 bits; keep the low 521 (top byte mask 0x01). Other curves: no mask.
        int excessBits = checked((size * 8) - n.BitLength);
        byte topMask = (byte)(0xFF >> excessBits);

        byte[] candidate = new byte[size];
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            entropy.Fill(candidate);
            candidate[0] &= topMask;
            if (IsValid(curve, candidate))
            {
                return candidate;
            }
        }

        CryptographicOperations.ZeroMemory(candidate);
        throw new EntropyFailureException($"No valid {curve} scalar in {MaxAttempts} draws.");
    }

    /// <summary>True when <paramref name="scalar"/> has the stored length and lies in [1, n−1].</summary>
    public static bool IsValid(KeyType curve, ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != EcCurves.FieldSize(curve))
        {
            return false;
        }

        BigInteger d = new(1, scalar);
        return d.SignValue > 0 && d.CompareTo(EcCurves.Domain(curve).N) < 0;
    }

    /// <summary>d·G as a compressed SEC1 point (spec §17.5). The scalar must be valid.</summary>
    public static byte[] CompressedPublicKey(KeyType curve, ReadOnlySpan<byte> scalar)
    {
        if (!IsValid(curve, scalar))
        {
            throw new ArgumentException($"Not a valid {curve} private scalar.", nameof(scalar));
        }

        var domain = EcCurves.Domain(curve);
        // Fixed-base comb: the generator is the same for every key, so its precomputation is reused.
        return new FixedPointCombMultiplier()
            .Multiply(domain.G, new BigInteger(1, scalar))
            .Normalize()
            .GetEncoded(compressed: true);
    }
}
