using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// Payload of a Hello frame (PROTOCOL.md §5.1), little-endian:
/// <code>
///  0  u16  protocol version (highest the sender speaks)
///  2  u8   role (1 host, 2 device)
///  3  u8   reserved, 0
///  4  u32  max frame payload the sender accepts (256 … 65535)
///  8  u32  max message size the sender accepts (≥ 65536)
/// 12  u32  session id: chosen by the host, echoed by the device; 0 in a device's unsolicited start-up Hello
/// 16  u16  receive window: requests the sender takes in flight (device); 0 = no limit
/// 18  u16  identity length n (≤ 200)
/// 20  n    identity, UTF-8
/// 20+n u32 receive window in bytes (version 2; absent or 0 = no limit)
/// 24+n …   further extension bytes: ignored
/// </code>
/// </summary>
internal sealed record Hello(
    ushort ProtocolVersion,
    PeerRole Role,
    int MaxFramePayload,
    int MaxMessageLength,
    uint SessionId,
    ushort ReceiveWindow,
    string Identity)
{
    /// <summary>The session protocol this implementation speaks.</summary>
    public const ushort CurrentProtocolVersion = 2;

    /// <summary>
    /// The lowest device version a host of this implementation works with: a version 1 device would carry
    /// out a retransmitted request twice.
    /// </summary>
    public const ushort MinimumDeviceProtocolVersion = 2;

    public const int MaxIdentityLength = 200;

    private const int FixedLength = 20;

    /// <summary>Bytes of the requests in flight the sender takes at once (the extension after the identity); 0 = no limit.</summary>
    public uint ReceiveWindowBytes { get; init; }

    public byte[] Encode()
    {
        int identityLength = Encoding.UTF8.GetByteCount(Identity);
        if (identityLength > MaxIdentityLength)
        {
            throw new InvalidOperationException($"Identity is {identityLength} UTF-8 bytes; at most {MaxIdentityLength} fit a Hello.");
        }
        var payload = new byte[FixedLength + identityLength + sizeof(uint)];
        Span<byte> span = payload;
        BinaryPrimitives.WriteUInt16LittleEndian(span, ProtocolVersion);
        span[2] = (byte)Role;
        span[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)MaxFramePayload);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)MaxMessageLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], SessionId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], ReceiveWindow);
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], (ushort)identityLength);
        Encoding.UTF8.GetBytes(Identity, span[FixedLength..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(FixedLength + identityLength)..], ReceiveWindowBytes);
        return payload;
    }

    /// <summary>Decodes and validates a Hello; false for anything a conforming peer would not send.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, [NotNullWhen(true)] out Hello? hello)
    {
        hello = null;
        if (payload.Length < FixedLength)
        {
            return false;
        }
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        var role = (PeerRole)payload[2];
        uint maxFramePayload = BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
        uint maxMessageLength = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        uint sessionId = BinaryPrimitives.ReadUInt32LittleEndian(payload[12..]);
        ushort window = BinaryPrimitives.ReadUInt16LittleEndian(payload[16..]);
        int identityLength = BinaryPrimitives.ReadUInt16LittleEndian(payload[18..]);

        if (version == 0
            || role is not (PeerRole.Host or PeerRole.Device)
            || maxFramePayload is < FrameLayout.MinPayloadLimit or > FrameLayout.MaxPayloadLimit
            || maxMessageLength < MessageLimits.MinMaxMessageLength
            || identityLength > MaxIdentityLength
            || payload.Length < FixedLength + identityLength)
        {
            return false;
        }
        ReadOnlySpan<byte> identity = payload.Slice(FixedLength, identityLength);
        if (!Utf8.IsValid(identity))
        {
            return false;
        }
        ReadOnlySpan<byte> extensions = payload[(FixedLength + identityLength)..];
        hello = new Hello(version, role, (int)maxFramePayload, (int)Math.Min(maxMessageLength, int.MaxValue),
            sessionId, window, Encoding.UTF8.GetString(identity))
        {
            // A version 1 sender has no byte window; a version 2 sender always writes one.
            ReceiveWindowBytes = extensions.Length >= sizeof(uint) ? BinaryPrimitives.ReadUInt32LittleEndian(extensions) : 0,
        };
        return true;
    }
}
