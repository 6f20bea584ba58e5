using System.Security.Cryptography;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Entropy;

/// <summary>
/// The production entropy source: raw noise (by default the OS CSPRNG) through the SP 800-90B health tests into
/// an SP 800-90A HMAC_DRBG with SHA-256 at 256-bit security strength.
/// </summary>
/// <remarks>
/// <para>At construction, like a power-on: the DRBG known-answer test (<see cref="DrbgSelfTest"/>; failure throws
/// <see cref="EntropyFailureException"/>), the noise start-up test (SP 800-90B §4.3, 1024 samples), then
/// instantiation with 32 bytes of entropy input and a 16-byte nonce, both from the tested noise.</para>
/// <para>Every <see cref="Fill"/> also reads 16 fresh noise bytes and passes them to the DRBG as additional input
/// (SP 800-90A §8.7.2 lets additional input carry entropy without being credited for it). That keeps the
/// continuous health tests running on every request, so a noise source that fails between reseeds — a simulated
/// TRNG fault — fails the very next fill instead of up to 2^20 requests later.</para>
/// <para>Small fills (up to <see cref="SmallFillLimit"/> bytes: nonces, IVs, hedging randomness) are served from a
/// 4 KiB block made by one DRBG request, because a request costs about as much as 100 bytes of output and the
/// device makes a fresh nonce for every encryption. Such a fill still reads and health-tests its 16 fresh noise
/// bytes (so a failing TRNG still fails the very next fill); they are accumulated and enter the DRBG as the
/// additional input of the next block. Served bytes are wiped from the block. Larger fills are one DRBG request
/// each, with their fresh noise as additional input, as before.</para>
/// <para>A failed start-up or continuous test is latched: every later <see cref="Fill"/> throws
/// <see cref="EntropyFailureException"/> until a new instance is created (reboot), and the DRBG state is wiped.</para>
/// </remarks>
public sealed class DrbgEntropySource : IEntropySource, IDisposable
{
    private const int EntropyInputLength = HmacDrbg.SecurityStrengthBytes;  // §10.1 table 2: min entropy = security strength
    private const int NonceLength = HmacDrbg.SecurityStrengthBytes / 2;     // §8.6.7: at least half the security strength
    private const int FreshNoiseLength = 16;                                 // additional input read with every fill
    private const int BlockLength = 4096;                                     // DRBG output buffered for small fills

    /// <summary>Fills up to this many bytes are served from the buffered block.</summary>
    internal const int SmallFillLimit = 64;

    private readonly Lock _gate = new();
    private readonly HealthTestedNoiseSource _noise;
    private HmacDrbg? _drbg;  // null once failed or disposed
    private int _reseedCount; // reseeds since instantiation
    private bool _disposed;   // Dispose called; Fill throws ObjectDisposedException
    private readonly byte[] _block = new byte[BlockLength];            // DRBG output for small fills, secret
    private int _blockOffset = BlockLength;                            // first unserved byte of _block
    private readonly byte[] _pendingNoise = new byte[FreshNoiseLength]; // XOR of the noise small fills read since the last block

    /// <summary>A source fed by the OS CSPRNG.</summary>
    public DrbgEntropySource()
        : this(new OsCsprngNoiseSource())
    {
    }

    /// <summary>A source fed by <paramref name="noise"/>.</summary>
    /// <param name="noise">Raw noise; tests and fault injection pass a faulty one here.</param>
    /// <param name="personalization">Optional personalisation string, e.g. the device serial number (SP 800-90A §8.7.1).</param>
    /// <exception cref="EntropyFailureException">The DRBG known-answer test failed.</exception>
    public DrbgEntropySource(INoiseSource noise, ReadOnlySpan<byte> personalization = default)
        : this(noise, personalization, HmacDrbg.DefaultReseedInterval, DrbgSelfTest.Run)
    {
    }

    /// <summary>Test seam: a shorter reseed interval and a replaceable known-answer test.</summary>
    internal DrbgEntropySource(INoiseSource noise, ReadOnlySpan<byte> personalization, long reseedInterval, Func<bool> selfTest)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(selfTest);

        if (!selfTest())
        {
            throw new EntropyFailureException("The HMAC_DRBG known-answer self-test failed (SP 800-90A §11.3).");
        }

        // SP 800-90B §4.3: start-up test before the noise is first used. A failure here is latched rather than
        // thrown, so a device with a faulty TRNG still boots and reports its fault; every Fill then throws.
        _noise = new HealthTestedNoiseSource(noise);
        if (_noise.TryRunStartupTest())
        {
            _drbg = TryInstantiate(personalization, reseedInterval);
        }
    }

    /// <inheritdoc/>
    public bool IsDeterministic => false;

    /// <summary>True once a health test has failed; every <see cref="Fill"/> throws from then on.</summary>
    public bool HasFailed
    {
        get
        {
            lock (_gate)
            {
                return _noise.Failure is not null;
            }
        }
    }

    /// <summary>Reseeds since instantiation, for tests.</summary>
    internal int ReseedCount
    {
        get
        {
            lock (_gate)
            {
                return _reseedCount;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>On failure <paramref name="destination"/> is zeroed.</remarks>
    public void Fill(Span<byte> destination)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_drbg is not { } drbg)
            {
                destination.Clear();
                throw Failed();
            }

            if (destination.IsEmpty)
            {
                return;
            }

            Span<byte> freshNoise = stackalloc byte[FreshNoiseLength];
            try
            {
                if (!_noise.TryRead(freshNoise))
                {
                    destination.Clear();
                    throw Failed();
                }

                if (destination.Length <= SmallFillLimit)
                {
                    ServeSmall(drbg, destination, freshNoise);
                    return;
                }

                // Requests are limited to HmacDrbg.MaxBytesPerRequest; the fresh noise goes into the first one.
                ReadOnlySpan<byte> additionalInput = freshNoise;
                Span<byte> rest = destination;
                while (!rest.IsEmpty)
                {
                    if (drbg.ReseedRequired && !TryReseed(drbg))
                    {
                        destination.Clear();
                        throw Failed();
                    }

                    int count = Math.Min(HmacDrbg.MaxBytesPerRequest, rest.Length);
                    drbg.Generate(rest[..count], additionalInput);
                    rest = rest[count..];
                    additionalInput = default;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(freshNoise);
            }
        }
    }

    /// <summary>Wipes the DRBG state.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            WipeBlock();
            _drbg?.Dispose();
            _drbg = null;
            _disposed = true;
        }
    }

    /// <summary>
    /// Serves a small fill from the block, making a new block (one DRBG request whose additional input is the noise
    /// accumulated since the last one) when too few bytes are left.
    /// </summary>
    private void ServeSmall(HmacDrbg drbg, Span<byte> destination, ReadOnlySpan<byte> freshNoise)
    {
        for (int i = 0; i < FreshNoiseLength; i++)
        {
            _pendingNoise[i] ^= freshNoise[i];
        }
        if (BlockLength - _blockOffset < destination.Length)
        {
            CryptographicOperations.ZeroMemory(_block);
            if (drbg.ReseedRequired && !TryReseed(drbg))
            {
                destination.Clear();
                throw Failed();
            }
            drbg.Generate(_block, _pendingNoise);
            CryptographicOperations.ZeroMemory(_pendingNoise);
            _blockOffset = 0;
        }
        Span<byte> served = _block.AsSpan(_blockOffset, destination.Length);
        served.CopyTo(destination);
        CryptographicOperations.ZeroMemory(served);
        _blockOffset += destination.Length;
    }

    private void WipeBlock()
    {
        CryptographicOperations.ZeroMemory(_block);
        CryptographicOperations.ZeroMemory(_pendingNoise);
        _blockOffset = BlockLength;
    }

    private HmacDrbg? TryInstantiate(ReadOnlySpan<byte> personalization, long reseedInterval)
    {
        Span<byte> seed = stackalloc byte[EntropyInputLength + NonceLength];
        try
        {
            if (!_noise.TryRead(seed))
            {
                return null;
            }

            return new HmacDrbg(seed[..EntropyInputLength], seed[EntropyInputLength..], personalization, reseedInterval);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private bool TryReseed(HmacDrbg drbg)
    {
        // §9.2 / §10.1.2.4: the reseed takes fresh entropy input of at least the security strength; no nonce.
        Span<byte> entropyInput = stackalloc byte[EntropyInputLength];
        try
        {
            if (!_noise.TryRead(entropyInput))
            {
                return false;
            }

            drbg.Reseed(entropyInput, default);
            _reseedCount++;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(entropyInput);
        }
    }

    /// <summary>Latches the failure: wipes the DRBG so nothing derived from a failed source is ever produced again.</summary>
    private EntropyFailureException Failed()
    {
        WipeBlock();
        _drbg?.Dispose();
        _drbg = null;
        string reason = _noise.Failure ?? "the DRBG could not be instantiated";
        return new EntropyFailureException($"Entropy source failed: {reason}. It stays failed until reboot.");
    }
}
