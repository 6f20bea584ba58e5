using HemSim.Transport.Framing;

namespace HemSim.Transport.Session;

/// <summary>
/// What a <see cref="FrameConnection"/> reports to the session above it. Called on the read loop, one call
/// at a time; implementations must not block (queue work, complete a task, or send a frame).
/// </summary>
internal interface IFrameConnectionHandler
{
    /// <summary>A well-formed frame arrived that the connection does not answer itself (everything but Ping).</summary>
    void OnFrame(Frame frame);

    /// <summary>The link is gone; called exactly once. <paramref name="cause"/> is null for an orderly close.</summary>
    void OnClosed(Exception? cause);
}
