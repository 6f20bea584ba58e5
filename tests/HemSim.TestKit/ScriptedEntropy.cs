using System.Buffers.Binary;
using HemSim.Firmware.Entropy;
using HemSim.Firmware.Platform;

namespace HemSim.TestKit;

/// <summary>
/// Entropy whose bytes a test chooses. The scripted sequences form one byte stream served in order, regardless of
/// how the device splits it into fills (script 48 bytes for a 16-byte nonce followed by a 32-byte key). After the
/// script runs out the stream continues with a counter pattern: successive big-endian 32-bit integers 0, 1, 2…,
/// so later keys still differ from each other.
/// </summary>
public sealed class ScriptedEntropy : IEntropySource
{
    private readonly Queue<byte> _script = new();
    private uint _counterWordIndex;  // index of the 32-bit counter word the next counter byte belongs to
    private int _counterByteInWord;  // 0..3: position of the next counter byte inside its big-endian word
    private string? _pendingFailure; // message of the EntropyFailureException the next Fill throws; null = none

    public ScriptedEntropy(params byte[][] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        foreach (byte[] sequence in sequences)
        {
            Enqueue(sequence);
        }
    }

    /// <inheritdoc/>
    public bool IsDeterministic => true;

    /// <summary>Number of <see cref="Fill"/> calls so far, failed ones included.</summary>
    public int FillCount { get; private set; }

    /// <summary>Bytes handed out so far.</summary>
    public long BytesServed { get; private set; }

    /// <summary>Scripted bytes not yet served.</summary>
    public int ScriptedBytesRemaining => _script.Count;

    /// <summary>Appends a sequence to the script.</summary>
    public void Enqueue(ReadOnlySpan<byte> sequence)
    {
        foreach (byte value in sequence)
        {
            _script.Enqueue(value);
        }
    }

    /// <summary>Makes the next <see cref="Fill"/> throw <see cref="EntropyFailureException"/> (a simulated TRNG fault); later fills work again.</summary>
    public void FailNextFill(string message = "Scripted entropy failure.")
    {
        _pendingFailure = message;
    }

    /// <inheritdoc/>
    public void Fill(Span<byte> destination)
    {
        FillCount++;
        if (_pendingFailure is { } message)
        {
            _pendingFailure = null;
            throw new EntropyFailureException(message);
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _script.TryDequeue(out byte scripted) ? scripted : NextCounterByte();
        }

        BytesServed += destination.Length;
    }

    private byte NextCounterByte()
    {
        Span<byte> word = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(word, _counterWordIndex);
        byte value = word[_counterByteInWord];

        _counterByteInWord++;
        if (_counterByteInWord == sizeof(uint))
        {
            _counterByteInWord = 0;
            _counterWordIndex = unchecked(_counterWordIndex + 1);
        }

        return value;
    }
}
