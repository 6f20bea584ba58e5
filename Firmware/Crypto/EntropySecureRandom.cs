using System.Buffers.Binary;
using HemSim.Firmware.Platform;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace HemSim.Firmware.Crypto;

/// <summary>
/// A BouncyCastle <see cref="SecureRandom"/> whose every byte comes from the device's
/// <see cref="IEntropySource"/>, so BouncyCastle key generators (ML-KEM, ML-DSA) are reproducible
/// under a deterministic source and covered by the entropy health tests otherwise.
/// </summary>
/// <remarks>
/// The base class would otherwise reach the OS RNG in two places: <c>GenerateSeed</c> (its static
/// master generator) and the auto-seeded default constructor. Both are closed here. Crypto/-only:
/// BouncyCastle types never leave this folder.
/// </remarks>
internal sealed class EntropySecureRandom : SecureRandom
{
    private readonly IEntropySource _entropy;

    public EntropySecureRandom(IEntropySource entropy)
        : base(new EntropyGenerator(entropy ?? throw new ArgumentNullException(nameof(entropy))))
    {
        _entropy = entropy;
    }

    public override void NextBytes(byte[] buf) => _entropy.Fill(buf);

    public override void NextBytes(byte[] buf, int off, int len) => _entropy.Fill(buf.AsSpan(off, len));

    public override void NextBytes(Span<byte> buffer) => _entropy.Fill(buffer);

    public override byte[] GenerateSeed(int length)
    {
        byte[] seed = new byte[length];
        _entropy.Fill(seed);
        return seed;
    }

    public override void GenerateSeed(Span<byte> seed) => _entropy.Fill(seed);

    // Seed material from callers is ignored: the entropy source (an SP 800-90A DRBG on the device)
    // owns its own reseeding, and mixing extra input in would break reproducibility.
    public override void SetSeed(byte[] seed) { }

    public override void SetSeed(Span<byte> seed) { }

    public override void SetSeed(long seed) { }

    public override int NextInt()
    {
        Span<byte> bytes = stackalloc byte[4];
        _entropy.Fill(bytes);
        return BinaryPrimitives.ReadInt32BigEndian(bytes);
    }

    public override long NextLong()
    {
        Span<byte> bytes = stackalloc byte[8];
        _entropy.Fill(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    // System.Random members SecureRandom does not override (NextSingle, NextInt64…) end in Sample();
    // route it through the entropy source too instead of Random's seeded internal state.
    protected override double Sample() => NextDouble();

    /// <summary>Satisfies the base constructor; every path above bypasses it, but it is safe if reached.</summary>
    private sealed class EntropyGenerator(IEntropySource entropy) : IRandomGenerator
    {
        public void AddSeedMaterial(byte[] seed) { }

        public void AddSeedMaterial(ReadOnlySpan<byte> seed) { }

        public void AddSeedMaterial(long seed) { }

        public void NextBytes(byte[] bytes) => entropy.Fill(bytes);

        public void NextBytes(byte[] bytes, int start, int len) => entropy.Fill(bytes.AsSpan(start, len));

        public void NextBytes(Span<byte> bytes) => entropy.Fill(bytes);
    }
}
