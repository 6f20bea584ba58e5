using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Prng.Drbg;

namespace HemSim.Firmware.Tests.Entropy;

/// <summary>
/// BouncyCastle's independent SP 800-90A HMAC_DRBG (<see cref="HMacSP800Drbg"/>, SHA-256, 256-bit strength)
/// driven with explicit inputs, as the oracle for <c>HmacDrbg</c>.
/// </summary>
/// <remarks>
/// BouncyCastle treats an empty additional input as a present, zero-length string (and runs the second half of
/// HMAC_DRBG_Update on it) while SP 800-90A and the CAVP vectors treat it as Null; empty inputs are therefore
/// passed to it as null.
/// </remarks>
internal sealed class ReferenceHmacDrbg
{
    private readonly QueuedEntropy _entropy = new();
    private readonly HMacSP800Drbg _drbg;

    public ReferenceHmacDrbg(byte[] entropyInput, byte[] nonce, byte[] personalization)
    {
        _entropy.Enqueue(entropyInput);
        _drbg = new HMacSP800Drbg(new HMac(new Sha256Digest()), 256, _entropy, NullIfEmpty(personalization), nonce);
    }

    public void Reseed(byte[] entropyInput, byte[] additionalInput)
    {
        _entropy.Enqueue(entropyInput);
        _drbg.Reseed(NullIfEmpty(additionalInput));
    }

    public byte[] Generate(int length, byte[] additionalInput)
    {
        byte[] output = new byte[length];
        int bits = _drbg.Generate(output, 0, length, NullIfEmpty(additionalInput), false);
        if (bits != length * 8)
        {
            throw new InvalidOperationException($"BouncyCastle's DRBG returned {bits} bits.");
        }

        return output;
    }

    private static byte[]? NullIfEmpty(byte[] value) => value.Length == 0 ? null : value;

    /// <summary>Hands BouncyCastle the entropy inputs a test chose, one per instantiate or reseed.</summary>
    private sealed class QueuedEntropy : IEntropySource
    {
        private readonly Queue<byte[]> _inputs = new();

        public bool IsPredictionResistant => false;

        // BouncyCastle sizes its reseed buffer from this, so report the length of the input it will get next.
        public int EntropySize => _inputs.Peek().Length * 8;

        public void Enqueue(byte[] input) => _inputs.Enqueue(input);

        public byte[] GetEntropy() => _inputs.Dequeue();

        public int GetEntropy(Span<byte> output)
        {
            byte[] input = _inputs.Dequeue();
            input.CopyTo(output);
            return input.Length;
        }
    }
}
