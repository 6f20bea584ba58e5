using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Entropy;

/// <summary>
/// INSECURE entropy source for reproducible test rigs: every byte is derived from a caller-supplied seed, so
/// anyone who knows the seed can recompute every key, nonce and token the device ever produced.
/// Never use it for real secrets; see <see cref="Warning"/>.
/// </summary>
/// <remarks>
/// <para>HMAC_DRBG with SHA-256 (SP 800-90A §10.1.2) instantiated with entropy input = the seed, nonce = the ASCII
/// bytes of "HemSim deterministic" and personalisation string = the caller's bytes — e.g. a boot counter, so
/// that successive boots differ while the same run reproduces exactly. No health tests (there is no noise) and
/// no reseeding (there is no fresh entropy; the 2^48-request interval of §10.1 table 2 is never reached).</para>
/// <para>Fills are split into requests of at most 7,500 bytes exactly as <see cref="DrbgEntropySource"/> does,
/// so the output depends on the sequence of fill lengths, not only on the total.</para>
/// </remarks>
public sealed class DeterministicEntropySource : IEntropySource, IDisposable
{
    /// <summary>Shown wherever this source is selected (logs, status pages, command-line help).</summary>
    public const string Warning =
        "INSECURE: deterministic entropy source. Every key, nonce and token is derived from a fixed seed and can be " +
        "recomputed by anyone who knows it. For reproducible test rigs only; never protect real data with this device.";

    private readonly Lock _gate = new();
    private readonly HmacDrbg _drbg;
    private bool _disposed; // Dispose called; the DRBG state is wiped

    /// <param name="seed">Entropy input of the DRBG; any non-empty byte string. Same seed and personalisation, same bytes.</param>
    /// <param name="personalization">Personalisation string, e.g. a boot counter; may be empty.</param>
    public DeterministicEntropySource(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> personalization = default)
    {
        if (seed.IsEmpty)
        {
            throw new ArgumentException("The seed must not be empty.", nameof(seed));
        }

        _drbg = new HmacDrbg(seed, Nonce, personalization, HmacDrbg.MaxReseedInterval);
    }

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <summary>The fixed nonce: ASCII "HemSim deterministic".</summary>
    internal static ReadOnlySpan<byte> Nonce => "HemSim deterministic"u8;

    /// <inheritdoc/>
    public void Fill(Span<byte> destination)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            Span<byte> rest = destination;
            while (!rest.IsEmpty)
            {
                int count = Math.Min(HmacDrbg.MaxBytesPerRequest, rest.Length);
                _drbg.Generate(rest[..count]);
                rest = rest[count..];
            }
        }
    }

    /// <summary>Wipes the DRBG state.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _drbg.Dispose();
            _disposed = true;
        }
    }
}
