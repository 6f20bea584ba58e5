using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// What a <see cref="FrameConnection"/> reports to the session above it. Called on the read loop, one call
/// at a time; implementations must not block (queue work, complete a task, or send a frame).
/// </summary>
internal interface IFrameConnectionHandler
{
    /// <summary>A whole message arrived (all its frames).</summary>
    void OnMessage(InboundMessage message);

    /// <summary>A message was given up before its last frame.</summary>
    void OnAbandoned(AbandonedMessage message);

    /// <summary>A frame that is not part of a message and not a Ping: Hello, Pong, Reject, Ack or an unknown type.</summary>
    void OnLinkFrame(Frame frame);

    /// <summary>The link is gone; called exactly once. <paramref name="cause"/> is null for an orderly close.</summary>
    void OnClosed(Exception? cause);
}
