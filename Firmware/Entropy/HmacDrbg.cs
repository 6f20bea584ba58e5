using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace HemSim.Firmware.Entropy;

/// <summary>
/// HMAC_DRBG with SHA-256, no prediction resistance (NIST SP 800-90A Rev. 1 §10.1.2).
/// </summary>
/// <remarks>
/// This type is the DRBG mechanism: the instantiate, reseed and generate algorithms of §10.1.2.3–§10.1.2.5.
/// The function envelope of §9 — obtaining entropy input of the right length from a health-tested source,
/// reacting to "reseed required" — belongs to the caller (<see cref="DrbgEntropySource"/>), which checks
/// <see cref="ReseedRequired"/> before every request. Like the CAVP test harness, this type therefore accepts
/// entropy input of any length. Not thread-safe; the callers serialise access.
/// </remarks>
internal sealed class HmacDrbg : IDisposable
{
    /// <summary>outlen: the SHA-256 output block in bytes (§10.1 table 2).</summary>
    public const int OutLength = 32;

    /// <summary>Highest security strength of HMAC_DRBG with SHA-256, in bytes (§10.1 table 2: 256 bits).</summary>
    public const int SecurityStrengthBytes = 32;

    /// <summary>
    /// max_number_of_bits_per_request, in bytes. Table 2 of §10.1 allows up to 2^19 bits (65,536 bytes); an
    /// implementation may choose a smaller value, and we use 7,500 bytes (235 HMAC blocks) so one request stays
    /// short. <see cref="DrbgEntropySource"/> splits larger fills into several requests.
    /// </summary>
    public const int MaxBytesPerRequest = 7500;

    /// <summary>Upper bound of reseed_interval: 2^48 requests (§10.1 table 2).</summary>
    public const long MaxReseedInterval = 1L << 48;

    /// <summary>reseed_interval used by the production source: 2^20 requests, well inside table 2's bound.</summary>
    public const long DefaultReseedInterval = 1L << 20;

    private readonly byte[] _key = new byte[OutLength];   // K: HMAC key of the working state (§10.1.2.1), secret
    private readonly byte[] _value = new byte[OutLength]; // V: chaining value of the working state (§10.1.2.1), secret
    private readonly long _reseedInterval;                // requests allowed between two (re)seeds
    private long _reseedCounter;                          // reseed_counter: generate requests since the last (re)seed, plus one
    private bool _disposed;                               // state wiped; every operation throws

    // HMAC keyed with K at all times, so each V = HMAC (K, V) costs two SHA-256 compressions and no set-up: the
    // runtime's one-shot HMAC pays an OpenSSL context per call, several times the hashing itself.
    private readonly HMac _mac = new(new Sha256Digest());

    /// <summary>HMAC_DRBG_Instantiate_algorithm (§10.1.2.3).</summary>
    /// <param name="entropyInput">Entropy input; the caller guarantees at least the security strength (§9.1).</param>
    /// <param name="nonce">Nonce with at least half the security strength of entropy, or a value never repeated (§8.6.7).</param>
    /// <param name="personalization">Personalisation string, possibly empty (§8.7.1).</param>
    /// <param name="reseedInterval">Generate requests allowed before a reseed is required.</param>
    public HmacDrbg(
        ReadOnlySpan<byte> entropyInput,
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> personalization,
        long reseedInterval = DefaultReseedInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reseedInterval, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(reseedInterval, MaxReseedInterval);
        _reseedInterval = reseedInterval;

        // Steps 1–3: seed_material = entropy_input || nonce || personalization_string; Key = 0x00…00; V = 0x01…01.
        _value.AsSpan().Fill(0x01);
        Rekey();
        // Step 4: (Key, V) = HMAC_DRBG_Update (seed_material, Key, V).
        Update(entropyInput, nonce, personalization);
        // Step 5: reseed_counter = 1.
        _reseedCounter = 1;
    }

    /// <summary>True once reseed_counter exceeds reseed_interval (§10.1.2.5 step 1): <see cref="Generate"/> refuses until <see cref="Reseed"/>.</summary>
    public bool ReseedRequired => _reseedCounter > _reseedInterval;

    /// <summary>reseed_counter (§10.1.2.1), for tests and diagnostics.</summary>
    internal long ReseedCounter => _reseedCounter;

    /// <summary>HMAC_DRBG_Reseed_algorithm (§10.1.2.4).</summary>
    public void Reseed(ReadOnlySpan<byte> entropyInput, ReadOnlySpan<byte> additionalInput)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // Steps 1–2: seed_material = entropy_input || additional_input; (Key, V) = HMAC_DRBG_Update (seed_material, Key, V).
        Update(entropyInput, additionalInput, default);
        // Step 3: reseed_counter = 1.
        _reseedCounter = 1;
    }

    /// <summary>HMAC_DRBG_Generate_algorithm (§10.1.2.5) for one request of at most <see cref="MaxBytesPerRequest"/> bytes.</summary>
    /// <exception cref="ArgumentException">The request is larger than <see cref="MaxBytesPerRequest"/> (§9.3.1 step 2).</exception>
    /// <exception cref="InvalidOperationException">A reseed is required first (<see cref="ReseedRequired"/>).</exception>
    public void Generate(Span<byte> output, ReadOnlySpan<byte> additionalInput = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length > MaxBytesPerRequest)
        {
            throw new ArgumentException(
                $"A request may return at most {MaxBytesPerRequest} bytes; {output.Length} were asked for.", nameof(output));
        }

        // Step 1: if reseed_counter > reseed_interval, return "reseed required".
        if (ReseedRequired)
        {
            throw new InvalidOperationException("The DRBG must be reseeded before the next request (SP 800-90A §10.1.2.5 step 1).");
        }

        // Step 2: if additional_input ≠ Null, (Key, V) = HMAC_DRBG_Update (additional_input, Key, V).
        // Null is the empty string here, as in the CAVP vectors (AdditionalInputLen = 0).
        if (!additionalInput.IsEmpty)
        {
            Update(additionalInput, default, default);
        }

        // Steps 3–5: while len (temp) < requested bits: V = HMAC (Key, V); temp = temp || V. Return leftmost bits.
        for (int offset = 0; offset < output.Length; offset += OutLength)
        {
            MacValue();
            int count = Math.Min(OutLength, output.Length - offset);
            _value.AsSpan(0, count).CopyTo(output.Slice(offset));
        }

        // Step 6: (Key, V) = HMAC_DRBG_Update (additional_input, Key, V) — backtracking resistance.
        Update(additionalInput, default, default);
        // Step 7: reseed_counter = reseed_counter + 1.
        _reseedCounter++;
    }

    /// <summary>Wipes K and V (SP 800-90A §8.3: the internal state is secret); the instance is unusable afterwards.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        Rekey(); // the HMAC's pads derive from K: re-key it with the zeroed K
        CryptographicOperations.ZeroMemory(_value);
        _reseedCounter = 0;
        _disposed = true;
    }

    /// <summary>HMAC_DRBG_Update (§10.1.2.2) with provided_data = <paramref name="data1"/> || <paramref name="data2"/> || <paramref name="data3"/>.</summary>
    private void Update(ReadOnlySpan<byte> data1, ReadOnlySpan<byte> data2, ReadOnlySpan<byte> data3)
    {
        // Steps 1–2: Key = HMAC (Key, V || 0x00 || provided_data); V = HMAC (Key, V).
        UpdateRound(0x00, data1, data2, data3);

        // Step 3: if provided_data = Null, return.
        if (data1.IsEmpty && data2.IsEmpty && data3.IsEmpty)
        {
            return;
        }

        // Steps 4–5: Key = HMAC (Key, V || 0x01 || provided_data); V = HMAC (Key, V).
        UpdateRound(0x01, data1, data2, data3);
    }

    private void UpdateRound(byte separator, ReadOnlySpan<byte> data1, ReadOnlySpan<byte> data2, ReadOnlySpan<byte> data3)
    {
        // Key = HMAC (Key, V || separator || provided_data), then V = HMAC (Key, V).
        _mac.BlockUpdate(_value);
        _mac.Update(separator);
        _mac.BlockUpdate(data1);
        _mac.BlockUpdate(data2);
        _mac.BlockUpdate(data3);
        _mac.DoFinal(_key);
        Rekey();

        MacValue();
    }

    private void MacValue()
    {
        _mac.BlockUpdate(_value);
        _mac.DoFinal(_value);
    }

    private void Rekey() => _mac.Init(new KeyParameter(_key));
}
