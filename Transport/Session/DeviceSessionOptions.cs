using HemSim.Transport.Control;
using HemSim.Transport.Diagnostics;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// How a <see cref="DeviceSession"/> behaves: the limits and window it advertises in its Hello
/// (PROTOCOL.md §5.1, §9), the answers it keeps for retransmitted requests (§8.5), and its control handler.
/// </summary>
public sealed record DeviceSessionOptions
{
    public static DeviceSessionOptions Default { get; } = new();

    /// <summary>
    /// Carries out simulator control operations (PROTOCOL.md §6.5). The device launcher maps each
    /// <see cref="ControlOperation"/> to the device; operations it does not offer it answers with
    /// <see cref="ControlResult.Unsupported"/>. When null, every control message is answered Unsupported.
    /// An <see cref="ArgumentException"/> from the handler becomes InvalidArgument, any other exception Failed.
    /// </summary>
    public Func<ControlRequest, CancellationToken, Task<ControlResult>>? ControlHandler { get; init; }

    /// <summary>Records every frame of the session when set; the caller creates and disposes it.</summary>
    public FrameTap? Tap { get; init; }

    /// <summary>Requests (and control messages) a host may have in flight at once: received, not yet answered.</summary>
    public int ReceiveWindow { get; init; } = 8;

    /// <summary>Bytes of requests a host may have in flight at once; a single larger request may still go alone.</summary>
    public int ReceiveWindowBytes { get; init; } = MessageLimits.DefaultMaxMessageLength;

    /// <summary>
    /// Answers kept for a host that sends no low-water mark (PROTOCOL.md §8.5): the last this many (at least
    /// the window). A host that sends one (as <see cref="HostSession"/> does) decides itself what is kept.
    /// </summary>
    public int AnswerCacheSize { get; init; } = 64;

    /// <summary>
    /// Bytes of kept answers; beyond this the content of the oldest is discarded (a repeat of its request is
    /// then refused with AnswerDiscarded, never run again), but the newest answer is always kept.
    /// </summary>
    public long AnswerCacheBytes { get; init; } = 2L * MessageLimits.DefaultMaxMessageLength;

    /// <summary>Largest frame payload we accept (256 … 65535).</summary>
    public int MaxFramePayload { get; init; } = FrameLayout.DefaultMaxPayload;

    /// <summary>Largest encoded request we accept (≥ 65536).</summary>
    public int MaxMessageLength { get; init; } = MessageLimits.DefaultMaxMessageLength;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveWindow, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ReceiveWindow, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReceiveWindowBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(AnswerCacheSize, ReceiveWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(AnswerCacheBytes, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFramePayload, FrameLayout.MinPayloadLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFramePayload, FrameLayout.MaxPayloadLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageLength, MessageLimits.MinMaxMessageLength);
    }
}
