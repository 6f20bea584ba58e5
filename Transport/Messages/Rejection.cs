using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace HemSim.Transport.Messages;

/// <summary>
/// Payload of a Reject frame: <c>reason:u16 · detail:UTF-8</c> (the rest of the payload, may be empty).
/// The frame's reference is the sequence number of the rejected message's first frame.
/// </summary>
internal sealed record Rejection(RejectReason Reason, string Detail)
{
    /// <summary>Detail text is cut to this many bytes so a Reject always fits the smallest frame.</summary>
    public const int MaxDetailLength = 200;

    public byte[] Encode()
    {
        byte[] detail = Encoding.UTF8.GetBytes(Detail);
        int detailLength = Math.Min(detail.Length, MaxDetailLength);
        while (detailLength > 0 && detailLength < detail.Length && (detail[detailLength] & 0xC0) == 0x80)
        {
            detailLength--;     // do not cut a UTF-8 sequence in half
        }
        var payload = new byte[2 + detailLength];
        BinaryPrimitives.WriteUInt16LittleEndian(payload, (ushort)Reason);
        detail.AsSpan(0, detailLength).CopyTo(payload.AsSpan(2));
        return payload;
    }

    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Rejection? rejection)
    {
        if (!BinaryPrimitives.TryReadUInt16LittleEndian(payload, out ushort reason))
        {
            rejection = null;
            return false;
        }
        // An unknown reason code is still a rejection; the text says what the peer meant.
        rejection = new Rejection((RejectReason)reason, Encoding.UTF8.GetString(payload[2..]));
        return true;
    }
}
