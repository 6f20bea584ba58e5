using System.Buffers;
using System.Buffers.Binary;

namespace HemSim.Transport.Framing;

/// <summary>
/// Builds the wire form of a frame: <c>00 · COBS(header · payload · CRC-32C) · 00</c>. The leading
/// delimiter ends any garbage the receiver may be holding (line noise, a half frame from before a
/// reconnect), so that garbage costs only itself and not the frame that follows.
/// </summary>
internal static class FrameEncoder
{
    /// <summary>Writes one frame to <paramref name="destination"/> and returns the bytes written.</summary>
    public static int Encode(FrameType type, FrameFlags flags, uint sequence, uint reference,
        ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (payload.Length > FrameLayout.MaxPayloadLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), payload.Length,
                $"A frame payload holds at most {FrameLayout.MaxPayloadLimit} bytes.");
        }
        if (destination.Length < FrameLayout.GetMaxWireLength(payload.Length))
        {
            throw new ArgumentException("Destination is too small for the frame.", nameof(destination));
        }

        int rawLength = FrameLayout.GetRawLength(payload.Length);
        byte[] raw = ArrayPool<byte>.Shared.Rent(rawLength);
        try
        {
            Span<byte> block = raw.AsSpan(0, rawLength);
            WriteUnstuffed(block, type, flags, sequence, reference, payload);

            destination[0] = FrameLayout.Delimiter;
            int stuffed = Cobs.Encode(block, destination[1..]);
            destination[1 + stuffed] = FrameLayout.Delimiter;
            return stuffed + 2;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>Writes one frame to a pipe or other buffer writer (not flushed).</summary>
    public static void Write(IBufferWriter<byte> writer, FrameType type, FrameFlags flags, uint sequence,
        uint reference, ReadOnlySpan<byte> payload)
    {
        Span<byte> span = writer.GetSpan(FrameLayout.GetMaxWireLength(payload.Length));
        writer.Advance(Encode(type, flags, sequence, reference, payload, span));
    }

    /// <summary>The wire bytes of <paramref name="frame"/>.</summary>
    public static byte[] Encode(Frame frame)
    {
        var buffer = new byte[FrameLayout.GetMaxWireLength(frame.Payload.Length)];
        int length = Encode(frame.Type, frame.Flags, frame.Sequence, frame.Reference, frame.Payload.Span, buffer);
        return buffer[..length];
    }

    /// <summary>
    /// The frame before stuffing: header, payload and CRC-32C, as a frame tap records it (PROTOCOL.md §4).
    /// </summary>
    public static byte[] EncodeUnstuffed(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var block = new byte[FrameLayout.GetRawLength(frame.Payload.Length)];
        WriteUnstuffed(block, frame.Type, frame.Flags, frame.Sequence, frame.Reference, frame.Payload.Span);
        return block;
    }

    private static void WriteUnstuffed(Span<byte> block, FrameType type, FrameFlags flags, uint sequence,
        uint reference, ReadOnlySpan<byte> payload)
    {
        WriteHeader(block, type, flags, sequence, reference, payload.Length);
        payload.CopyTo(block[FrameLayout.HeaderLength..]);
        int crcOffset = FrameLayout.HeaderLength + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(block[crcOffset..], Crc32C.Compute(block[..crcOffset]));
    }

    private static void WriteHeader(Span<byte> block, FrameType type, FrameFlags flags, uint sequence,
        uint reference, int payloadLength)
    {
        block[FrameLayout.VersionOffset] = FrameLayout.Version;
        block[FrameLayout.TypeOffset] = (byte)type;
        block[FrameLayout.FlagsOffset] = (byte)flags;
        block[FrameLayout.ReservedOffset] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(block[FrameLayout.SequenceOffset..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(block[FrameLayout.ReferenceOffset..], reference);
        BinaryPrimitives.WriteUInt16LittleEndian(block[FrameLayout.LengthOffset..], (ushort)payloadLength);
        BinaryPrimitives.WriteUInt16LittleEndian(block[FrameLayout.Reserved2Offset..], 0);
    }
}
