namespace HemSim.Transport.Diagnostics;

/// <summary>
/// Which way a tapped frame went, seen from the session the tap is attached to. The values are the
/// direction bits of the pcapng <c>epb_flags</c> option (draft-ietf-opsawg-pcapng §4.3.1).
/// </summary>
public enum FrameDirection
{
    /// <summary>Received by this end.</summary>
    Inbound = 1,

    /// <summary>Sent by this end.</summary>
    Outbound = 2,
}
