namespace HemSim.Firmware.Device;

/// <summary>What the device does after its reply has left (spec §4 reboot, wipe, shutdown).</summary>
[Flags]
public enum ResponseFlags
{
    None = 0,
    /// <summary>Close the connection after this response (the real device always does; spec §3.2).</summary>
    CloseConnection = 1,
    /// <summary>The device reboots once the reply has been delivered.</summary>
    RebootAfterReply = 2,
    /// <summary>The device stops answering once the reply has been delivered (spec §11.17).</summary>
    ShutdownAfterReply = 4,
    /// <summary>
    /// Send nothing: the connection is closed without any HTTP response (spec §11.9 QUIRK: an oversized firmware
    /// image or a wrong file name). Status and body are not delivered.
    /// </summary>
    DropConnection = 8,
}

/// <summary>
/// One response from the device. <see cref="Status"/> is the HTTP status the device chose, including
/// non-standard numbers such as 795 (spec §3.4 QUIRK).
/// </summary>
public sealed record ApiResponse(int Status, byte[] Body)
{
    public const string JsonContentType = "application/json";

    /// <summary>Content type of the body; JSON for everything but log files (spec §3.4).</summary>
    public string ContentType { get; init; } = JsonContentType;

    public ResponseFlags Flags { get; init; }

    /// <summary>
    /// How long after the request arrived the response may be delivered to the client, at the
    /// earliest (login throttling, spec §5.6). The device never sleeps on its thread; whoever carries
    /// the response waits instead, counting from when it received the request (the bridge: from the
    /// HTTP request's arrival, which is earlier than the device's, so the delay is never shortened).
    /// </summary>
    public TimeSpan DeliverNotBefore { get; init; }

    /// <summary>
    /// CORS: the origin to echo in <c>Access-Control-Allow-Origin</c>, set when the request carried an
    /// allowed <c>Origin</c> (spec §3.6).
    /// </summary>
    public string? AllowedOrigin { get; init; }

    public static ApiResponse Empty(int status) => new(status, []);
}
