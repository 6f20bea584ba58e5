using HemSim.Transport.Framing;

namespace HemSim.Transport.Messages;

/// <summary>
/// What a message is. The wire value is the type of the message's first frame (<see cref="FrameType"/>);
/// its continuation frames are <see cref="FrameType.Chunk"/>.
/// </summary>
internal enum MessageKind : byte
{
    Request = FrameType.Request,
    Response = FrameType.Response,

    /// <summary>Simulator control operation (see <c>Control/ControlOperation</c>), host to device.</summary>
    Control = FrameType.Control,

    /// <summary>Answer to a control operation, device to host.</summary>
    ControlResult = FrameType.ControlResult,
}

internal static class MessageKinds
{
    /// <summary>True for the kinds a host sends and a device answers.</summary>
    public static bool IsQuestion(MessageKind kind) => kind is MessageKind.Request or MessageKind.Control;

    /// <summary>True for the frame types that start a message.</summary>
    public static bool StartsMessage(FrameType type) => type switch
    {
        FrameType.Request or FrameType.Response or FrameType.Control or FrameType.ControlResult => true,
        _ => false,
    };
}
