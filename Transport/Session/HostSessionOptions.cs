using HemSim.Transport.Diagnostics;
using HemSim.Transport.Framing;
using HemSim.Transport.Messages;

namespace HemSim.Transport.Session;

/// <summary>
/// How a <see cref="HostSession"/> behaves: its receive limits (advertised in its Hello) and its
/// retransmission timing (PROTOCOL.md §8.4). The defaults suit a pseudo-terminal or USB serial line; a rig
/// on a slow throttled line may want longer timeouts, tests much shorter ones.
/// </summary>
public sealed record HostSessionOptions
{
    public static HostSessionOptions Default { get; } = new();

    /// <summary>How long to wait for any sign of progress before the first retransmission.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The wait doubles after every retransmission, up to this.</summary>
    public TimeSpan MaxRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Retransmissions in a row that may go unanswered; when the wait after the last one also passes in
    /// silence the request fails with <see cref="DeviceTimeoutException"/> (with the defaults after 15.5 s).
    /// </summary>
    public int MaxRetransmissions { get; init; } = 5;

    /// <summary>Records every frame of the session when set; the caller creates and disposes it.</summary>
    public FrameTap? Tap { get; init; }

    /// <summary>Largest frame payload we accept (256 … 65535).</summary>
    public int MaxFramePayload { get; init; } = FrameLayout.DefaultMaxPayload;

    /// <summary>Largest encoded answer we accept (≥ 65536).</summary>
    public int MaxMessageLength { get; init; } = MessageLimits.DefaultMaxMessageLength;

    /// <summary>The clock the timeouts run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(InitialRetransmitTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetransmitTimeout, InitialRetransmitTimeout);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetransmissions);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFramePayload, FrameLayout.MinPayloadLimit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxFramePayload, FrameLayout.MaxPayloadLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessageLength, MessageLimits.MinMaxMessageLength);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
