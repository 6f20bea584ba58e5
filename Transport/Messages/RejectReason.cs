namespace HemSim.Transport.Messages;

/// <summary>Why a receiver refused a message (payload of a Reject frame, PROTOCOL.md §5.4). Explicit wire values.</summary>
internal enum RejectReason : ushort
{
    /// <summary>The message bytes do not decode (truncated, missing or unknown required field, bad UTF-8).</summary>
    MalformedMessage = 1,

    /// <summary>The message exceeds the receiver's advertised maximum message size.</summary>
    MessageTooLarge = 2,

    /// <summary>The receiver does not handle this message kind (in version 1: control messages).</summary>
    UnsupportedMessage = 3,

    /// <summary>A frame of the message went missing: a gap in sequence numbers, or a new message began.</summary>
    IncompleteMessage = 4,

    /// <summary>The device accepted the request but failed while handling it.</summary>
    HandlerFault = 5,
}
