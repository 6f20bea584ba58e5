namespace HemSim.Firmware.Platform;

/// <summary>
/// The single source of every random byte the device uses (keys, nonces, IVs, session keys).
/// Implementations: <c>Entropy.DrbgEntropySource</c> (OS CSPRNG through an SP 800-90A DRBG) and
/// a seeded deterministic source for reproducible test rigs.
/// </summary>
public interface IEntropySource
{
    /// <summary>True when the output is reproducible from a seed and therefore not secret.</summary>
    bool IsDeterministic { get; }

    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    /// <exception cref="Entropy.EntropyFailureException">A health test failed; the device latches a fault.</exception>
    void Fill(Span<byte> destination);
}
