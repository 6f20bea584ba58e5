namespace HemSim.Transport.Framing;

/// <summary>Frame type, byte 1 of the header. Wire values are fixed; a retired value is never reused.</summary>
internal enum FrameType : byte
{
    /// <summary>Handshake: protocol version, role, identity and receive limits (PROTOCOL.md §5.1).</summary>
    Hello = 0x01,

    /// <summary>Liveness probe; the peer answers with <see cref="Pong"/> echoing the payload.</summary>
    Ping = 0x02,

    /// <summary>Answer to a <see cref="Ping"/>; reference = the ping's sequence number.</summary>
    Pong = 0x03,

    /// <summary>How far a message has arrived: complete, or which of its frames are missing (PROTOCOL.md §5.4).</summary>
    Ack = 0x04,

    /// <summary>The receiver could not accept the message whose first frame is the reference.</summary>
    Reject = 0x05,

    /// <summary>First frame of a request message (host to device).</summary>
    Request = 0x10,

    /// <summary>First frame of a response message (device to host); reference = the request's sequence number.</summary>
    Response = 0x11,

    /// <summary>Continuation of a message larger than one frame; reference = the message's first sequence number.</summary>
    Chunk = 0x12,

    /// <summary>First frame of a simulator control message (power-cycle, fault injection…), host to device.</summary>
    Control = 0x20,

    /// <summary>First frame of the answer to a <see cref="Control"/> message; reference = the control's sequence number.</summary>
    ControlResult = 0x21,
}
