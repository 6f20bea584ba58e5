using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HemSim.Transport.Messages;

/// <summary>What an <see cref="Acknowledgement"/> says about a message. Explicit wire values.</summary>
internal enum AckState : byte
{
    /// <summary>Every frame of the message has arrived (for a request: it will be answered).</summary>
    Complete = 1,

    /// <summary>Frames are missing; the ranges say which.</summary>
    Partial = 2,
}

/// <summary>
/// Frames of a message not received yet, by index (0 = the message's first frame, i = its i-th Chunk).
/// A <see cref="Count"/> of 0 is open-ended: this index and every one after it, because the receiver has
/// not seen the message's last frame yet.
/// </summary>
internal readonly record struct MissingRange(uint FirstIndex, uint Count)
{
    public bool IsOpenEnded => Count == 0;
}

/// <summary>
/// Payload of an Ack frame (PROTOCOL.md §5.4); the frame's reference is the message id (its first frame's
/// sequence number), little-endian:
/// <code>
/// 0  u8   state: 1 Complete, 2 Partial
/// 1  u8   reserved, 0
/// 2  u16  range count r: 0 when Complete, 1 … 30 when Partial
/// 4  r×8  ranges: u32 first missing index, u32 count (0 = open-ended)
/// </code>
/// </summary>
internal sealed record Acknowledgement(AckState State, IReadOnlyList<MissingRange> Missing)
{
    /// <summary>Ranges that fit one link frame; a receiver missing more lists the first ones and asks again later.</summary>
    public const int MaxRanges = 30;

    private const int FixedLength = 4;
    private const int RangeLength = 8;

    public static Acknowledgement Complete { get; } = new(AckState.Complete, []);

    public static Acknowledgement Partial(IReadOnlyList<MissingRange> missing)
    {
        ArgumentNullException.ThrowIfNull(missing);
        if (missing.Count is 0 or > MaxRanges)
        {
            throw new ArgumentOutOfRangeException(nameof(missing), missing.Count, $"A partial ack lists 1 … {MaxRanges} ranges.");
        }
        return new Acknowledgement(AckState.Partial, missing);
    }

    public byte[] Encode()
    {
        var payload = new byte[FixedLength + (RangeLength * Missing.Count)];
        payload[0] = (byte)State;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(2), (ushort)Missing.Count);
        for (int i = 0; i < Missing.Count; i++)
        {
            Span<byte> range = payload.AsSpan(FixedLength + (RangeLength * i));
            BinaryPrimitives.WriteUInt32LittleEndian(range, Missing[i].FirstIndex);
            BinaryPrimitives.WriteUInt32LittleEndian(range[4..], Missing[i].Count);
        }
        return payload;
    }

    /// <summary>False for anything a conforming peer would not send; bytes after the ranges are ignored.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Acknowledgement? ack)
    {
        ack = null;
        if (payload.Length < FixedLength)
        {
            return false;
        }
        var state = (AckState)payload[0];
        int count = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        bool countFits = state switch
        {
            AckState.Complete => count == 0,
            AckState.Partial => count is > 0 and <= MaxRanges,
            _ => false,
        };
        if (!countFits || payload.Length < FixedLength + (RangeLength * count))
        {
            return false;
        }
        var ranges = new MissingRange[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> range = payload[(FixedLength + (RangeLength * i))..];
            ranges[i] = new MissingRange(BinaryPrimitives.ReadUInt32LittleEndian(range),
                BinaryPrimitives.ReadUInt32LittleEndian(range[4..]));
        }
        ack = state == AckState.Complete ? Complete : new Acknowledgement(AckState.Partial, ranges);
        return true;
    }
}
