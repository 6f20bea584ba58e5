using System.Buffers.Binary;
using System.Security.Cryptography;
using HemSim.Firmware.Platform;

namespace HemSim.Firmware.Tests.Crypto;

/// <summary>
/// Deterministic entropy for key-generation tests: SHA-256(seed ‖ counter) blocks, so two instances
/// with the same seed give the same byte stream and different seeds give unrelated ones.
/// </summary>
internal sealed class CountingEntropy(int seed = 0) : IEntropySource
{
    private readonly byte[] _block = new byte[32];
    private int _used = 32;
    private long _counter;

    public bool IsDeterministic => true;

    /// <summary>How many bytes the code under test has drawn.</summary>
    public long BytesDrawn { get; private set; }

    public void Fill(Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            if (_used == _block.Length)
            {
                Refill();
            }

            destination[i] = _block[_used++];
        }

        BytesDrawn += destination.Length;
    }

    private void Refill()
    {
        Span<byte> input = stackalloc byte[12];
        BinaryPrimitives.WriteInt32BigEndian(input, seed);
        BinaryPrimitives.WriteInt64BigEndian(input[4..], _counter++);
        SHA256.HashData(input, _block);
        _used = 0;
    }
}
