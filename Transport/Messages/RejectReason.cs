namespace HemSim.Transport.Messages;

/// <summary>Why a receiver refused a message (payload of a Reject frame, PROTOCOL.md §5.3). Explicit wire values.</summary>
internal enum RejectReason : ushort
{
    /// <summary>The message bytes do not decode (truncated, missing or unknown required field, bad UTF-8).</summary>
    MalformedMessage = 1,

    /// <summary>The message exceeds the receiver's advertised maximum message size.</summary>
    MessageTooLarge = 2,

    /// <summary>The receiver does not handle this message kind (a host: anything but answers).</summary>
    UnsupportedMessage = 3,

    /// <summary>Version 1 only: a frame of the message went missing. Version 2 repairs gaps instead; never reused.</summary>
    IncompleteMessage = 4,

    /// <summary>The device accepted the request but failed while handling it.</summary>
    HandlerFault = 5,

    /// <summary>The device has no session (no host Hello since it started): say Hello first.</summary>
    NoSession = 6,

    /// <summary>The request was carried out, but its answer was discarded under the device's memory limits.</summary>
    AnswerDiscarded = 7,

    /// <summary>The device is switched off (after a shutdown): the request was not carried out. The host reports it
    /// as <see cref="DeviceSwitchedOffException"/>; the link and the session stay up.</summary>
    DeviceOff = 8,
}
