namespace HemSim.HostBridge.Serial;

/// <summary>How a <see cref="ReconnectingDeviceChannel"/> retries and watches.</summary>
internal sealed record ReconnectTimings
{
    public static ReconnectTimings Default { get; } = new();

    /// <summary>
    /// The defaults, with a Ping allowed to wait behind two maximum-size frames on a slow line (a 4 KiB frame
    /// takes 4.3 s at 9600 baud): an answer still crossing the line is no sign of a vanished device.
    /// </summary>
    public static ReconnectTimings For(int? baudRate) =>
        Default with { ProbeTimeout = DeviceConnection.Max(Default.ProbeTimeout, 2 * DeviceConnection.FrameTime(baudRate)) };

    /// <summary>Wait before the first retry after a failed attempt or a lost device; doubles up to <see cref="LongestRetry"/>.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan LongestRetry { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often an idle link is checked with a Ping.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A Ping unanswered for this long means the device is gone (a serial line does not say so itself).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);
}
